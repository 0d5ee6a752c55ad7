-- wrk script: send every request through sealgate as an agent would: absolute-form target,
-- the origin in Host, the caller token, and one key named in Sealgate-Bearer.
-- Used as: wrk ... -s inject.lua http://127.0.0.1:<proxy port> -- <origin URL>
-- Environment: PROXY_AUTH (the Proxy-Authorization value), KEY (the key name).
function init(args)
  local target = args[1]
  wrk.headers["Host"] = target:match("^%a+://([^/]+)")
  wrk.path = target
  wrk.headers["Proxy-Authorization"] = os.getenv("PROXY_AUTH")
  wrk.headers["Sealgate-Bearer"] = os.getenv("KEY")
end

function done(summary, latency, requests)
  io.write(string.format("RESULT p50_us=%d p99_us=%d rps=%.0f errors=%d\n",
    latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
