-- wrk script for the baseline: the same origin over TLS, no proxy; prints the same RESULT line.
function done(summary, latency, requests)
  io.write(string.format("RESULT p50_us=%d p99_us=%d rps=%.0f errors=%d\n",
    latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
