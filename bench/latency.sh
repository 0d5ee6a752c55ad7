#!/usr/bin/env bash
# Median added latency of an injected request over a direct TLS request, one connection,
# for both ways in (SPEC §2):
#
#   HTTP_PROXY   direct:    wrk -c1 --> nginx (TLS, 127.0.0.1)
#                sealgate:  wrk -c1 --> sealgate (plain HTTP, Sealgate-Bearer) --> nginx (TLS, verified)
#   HTTPS_PROXY  direct:    ProxyLoad -c1 --> nginx (TLS)
#                sealgate:  ProxyLoad -c1 --CONNECT--> sealgate (TLS with its leaf, Sealgate-Bearer)
#                           --> nginx (TLS, verified)
#
# Each pair runs in the same invocation, alternating ROUNDS times, so machine noise hits both
# alike. ProxyLoad is the CONNECT load generator of the shared harness (../shared/bench/tools,
# or SHARED_BENCH=dir); it sends no Proxy-Authorization, so this sealgate runs with
# require_token: false. Needs wrk, nginx, openssl and a JDK (apt-get install wrk nginx-light
# openssl). Writes bench/results/latency-<time>.md with the machine description. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
ORIGIN_PORT=${ORIGIN_PORT:-28443}
PROXY_PORT=${PROXY_PORT:-28765}

SHARED_BENCH=${SHARED_BENCH:-$repo/../shared/bench}
[ -f "$SHARED_BENCH/tools/ProxyLoad.java" ] || { echo "bench: needs ProxyLoad.java from the shared harness; set SHARED_BENCH" >&2; exit 1; }
. bench/common.sh

origin="https://127.0.0.1:$ORIGIN_PORT/"
via="http://127.0.0.1:$ORIGIN_PORT/"   # the agent says http://; sealgate goes out over TLS
probe=$(curl -s --proxy "http://127.0.0.1:$PROXY_PORT" -H "Proxy-Authorization: $PROXY_AUTH" -H "Sealgate-Bearer: BENCH_KEY" "$via")
[ "$probe" = '{"ok":true}' ] || { echo "bench: probe through sealgate failed: $probe" >&2; cat "$work/sealgate.log" >&2; exit 1; }
# The CONNECT probe trusts only sealgate's CA: interception, not a blind tunnel, is measured.
probe=$(curl -s --proxy "http://127.0.0.1:$PROXY_PORT" --cacert "$(./sealgate ca path)" -H "Sealgate-Bearer: BENCH_KEY" "$origin")
[ "$probe" = '{"ok":true}' ] || { echo "bench: CONNECT probe through sealgate failed: $probe" >&2; cat "$work/sealgate.log" >&2; exit 1; }
mkdir -p "$work/tools" && javac -d "$work/tools" "$SHARED_BENCH/tools/ProxyLoad.java"

run() { wrk -t1 -c1 -d"$DURATION" "$@" | sed -n 's/^RESULT //p'; }
load() { java -cp "$work/tools" ProxyLoad -c 1 -d "$DURATION" -w 2 "$@" | sed -n 's/^RESULT //p'; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p"; }
# Warm both paths (JIT, TLS sessions, pools); not recorded.
run -s bench/direct.lua "$origin" >/dev/null
run -s bench/inject.lua "http://127.0.0.1:$PROXY_PORT" -- "$via" >/dev/null
load -x "127.0.0.1:$PROXY_PORT" -H "Sealgate-Bearer: BENCH_KEY" "$origin" >/dev/null

direct=() proxied=() lines=() tls_direct=() tunnelled=() connect_lines=()
for i in $(seq "$ROUNDS"); do
  d=$(run -s bench/direct.lua "$origin")
  p=$(run -s bench/inject.lua "http://127.0.0.1:$PROXY_PORT" -- "$via")
  direct+=("$(echo "$d" | field p50_us)")
  proxied+=("$(echo "$p" | field p50_us)")
  lines+=("| $i | $(echo "$d" | field p50_us) | $(echo "$p" | field p50_us) | $(echo "$d" | field rps) | $(echo "$p" | field rps) | $(echo "$p" | field errors) |")
  d=$(load "$origin")
  p=$(load -x "127.0.0.1:$PROXY_PORT" -H "Sealgate-Bearer: BENCH_KEY" "$origin")
  tls_direct+=("$(echo "$d" | field p50_us)")
  tunnelled+=("$(echo "$p" | field p50_us)")
  connect_lines+=("| $i | $(echo "$d" | field p50_us) | $(echo "$p" | field p50_us) | $(echo "$d" | field rps) | $(echo "$p" | field rps) | $(echo "$p" | field err_status) |")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
md=$(median "${direct[@]}")
mp=$(median "${proxied[@]}")
mtd=$(median "${tls_direct[@]}")
mtp=$(median "${tunnelled[@]}")

out="bench/results/latency-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Added latency of an injected request (one connection, keep-alive)"
  echo
  echo "$(date -u +%FT%TZ), $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n1), $(nginx -v 2>&1), wrk -t1 -c1 -d$DURATION x $ROUNDS rounds"
  echo
  echo "| round | direct p50 µs | sealgate p50 µs | direct req/s | sealgate req/s | sealgate errors |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${lines[@]}"
  echo
  echo "HTTP_PROXY: median p50 direct ${md} µs, through sealgate ${mp} µs, added $((mp - md)) µs."
  echo
  echo "## HTTPS_PROXY: CONNECT, intercepted and injected (ProxyLoad -c1 -d$DURATION)"
  echo
  echo "| round | direct p50 µs | sealgate p50 µs | direct req/s | sealgate req/s | sealgate non-2xx |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${connect_lines[@]}"
  echo
  echo "HTTPS_PROXY: median p50 direct ${mtd} µs, through sealgate ${mtp} µs, added $((mtp - mtd)) µs."
} | tee "$out"
