#!/usr/bin/env bash
# How sealgate's cost grows with the number of stored keys, the body size and the number of
# connections. Every sealgate figure has a direct baseline beside it, measured in the same run:
#
#   direct:    wrk --> nginx (TLS, 127.0.0.1)
#   sealgate:  wrk --> sealgate (plain HTTP, Sealgate-Bearer) --> nginx (TLS, verified)
#
#   keys         1 stored key, then 1,000 (999 more imported while the proxy runs); -c1 and -c50
#   body         1 KB and 1 MB responses, each scanned for the injected value on its way back
#   connections  1, 50 and 500 concurrent keep-alive connections (500 twice: with a pool warmed
#                at 50, then warm); sealgate's peak RSS under each
#
# Needs wrk, nginx, openssl and a JDK (apt-get install wrk nginx-light openssl). Loopback only.
# Writes bench/results/scale-<time>.md with the machine description. DURATION=10s per run.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
ORIGIN_PORT=${ORIGIN_PORT:-29443}
PROXY_PORT=${PROXY_PORT:-29765}

. bench/common.sh
sleep 2
idle_rss=$(awk '/^VmRSS:/{print int($2/1024)}' "/proc/$sealgate_pid/status")

rss_mib() { awk '/^VmRSS:/{print int($2/1024)}' "/proc/$sealgate_pid/status"; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p"; }
# wrk with C connections on T threads against a path; prints the RESULT line of the lua script.
direct() { wrk -t"$2" -c"$1" -d"$DURATION" -s bench/direct.lua "https://127.0.0.1:$ORIGIN_PORT$3" | sed -n 's/^RESULT //p'; }
proxied() { wrk -t"$2" -c"$1" -d"$DURATION" -s bench/inject.lua "http://127.0.0.1:$PROXY_PORT" -- "http://127.0.0.1:$ORIGIN_PORT$3" | sed -n 's/^RESULT //p'; }
# The same through sealgate, sampling its RSS every 0.2 s; prints "RESULT... peak_mib=N".
proxied_peak() {
  local peak=0 r
  proxied "$@" >"$work/wrk.out" & local w=$!
  while kill -0 "$w" 2>/dev/null; do r=$(rss_mib); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.2; done
  wait "$w"
  echo "$(cat "$work/wrk.out") peak_mib=$peak"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
row() { # label, direct RESULT, sealgate RESULT
  local dr pr
  dr=$(echo "$2" | field rps); pr=$(echo "$3" | field rps)
  echo "| $1 | $dr | $pr | $(ratio "$pr" "$dr")× | $(echo "$2" | field p50_us) / $(echo "$2" | field p99_us) | $(echo "$3" | field p50_us) / $(echo "$3" | field p99_us) | $(echo "$3" | field errors) |"
}

probe=$(curl -s --proxy "http://127.0.0.1:$PROXY_PORT" -H "Sealgate-Bearer: BENCH_KEY" "http://127.0.0.1:$ORIGIN_PORT/")
[ "$probe" = '{"ok":true}' ] || { echo "bench: probe through sealgate failed: $probe" >&2; cat "$work/sealgate.log" >&2; exit 1; }
# Warm both paths (JIT, TLS sessions, pools); not recorded.
direct 50 2 / >/dev/null
proxied 50 2 / >/dev/null

keys=()
keys+=("$(row "1 key, -c1" "$(direct 1 1 /)" "$(proxied 1 1 /)")")
keys+=("$(row "1 key, -c50" "$(direct 50 2 /)" "$(proxied 50 2 /)")")
for i in $(seq 999); do printf 'BENCH_%04d=value-%04d-not-secret\n' "$i" "$i"; done >"$work/more.env"
./sealgate secrets import "$work/more.env" --host 127.0.0.1 2>/dev/null
stored=$(./sealgate secrets list --json | grep -o '"name"' | wc -l)
[ "$stored" -eq 1000 ] || { echo "bench: expected 1000 stored keys, found $stored" >&2; exit 1; }
proxied 50 2 / >/dev/null # the proxy notices the new index on the first request after it
keys+=("$(row "1,000 keys, -c1" "$(direct 1 1 /)" "$(proxied 1 1 /)")")
keys+=("$(row "1,000 keys, -c50" "$(direct 50 2 /)" "$(proxied 50 2 /)")")

bodies=()
for size in 1k 1m; do
  for c in 1 50; do
    t=$([ "$c" = 1 ] && echo 1 || echo 2)
    d=$(direct "$c" "$t" "/$size")
    p=$(proxied_peak "$c" "$t" "/$size")
    bodies+=("$(row "$size body, -c$c" "$d" "$p") $(echo "$p" | field peak_mib) |")
  done
done

conns=()
for run in "1 -c1" "50 -c50" "500 -c500, first: ~450 new upstream TLS handshakes at once" "500 -c500, again"; do
  c=${run%% *}
  t=$([ "$c" = 1 ] && echo 1 || echo 2)
  d=$(direct "$c" "$t" /)
  p=$(proxied_peak "$c" "$t" /)
  conns+=("$(row "${run#* }" "$d" "$p") $(echo "$p" | field peak_mib) |")
done
sleep 5
after_rss=$(rss_mib)

out="bench/results/scale-$(date -u +%Y%m%dT%H%M%SZ).md"
header="| run | direct req/s | sealgate req/s | ratio | direct p50 / p99 µs | sealgate p50 / p99 µs | sealgate errors |"
{
  echo "# How the cost grows: keys, body size, connections"
  echo
  echo "$(date -u +%FT%TZ), $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n1), $(nginx -v 2>&1), wrk -d$DURATION per run; every request injected over verified TLS"
  echo
  echo "## Stored keys"
  echo
  echo "$header"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${keys[@]}"
  echo
  echo "## Response body size (scanned for the injected value on the way back)"
  echo
  echo "$header sealgate peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${bodies[@]}"
  echo
  echo "## Concurrent connections"
  echo
  echo "$header sealgate peak RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${conns[@]}"
  echo
  echo "sealgate RSS: ${idle_rss} MiB idle after start, ${after_rss} MiB 5 s after the last run."
} | tee "$out"
