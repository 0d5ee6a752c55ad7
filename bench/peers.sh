#!/usr/bin/env bash
# sealgate beside the peers of the shared harness (../shared/bench), in one run, on loopback.
#
#   bench/peers.sh                      # REPS=2 DURATION=10s WARMUP=20s; about 15 minutes
#   TARGETS="direct sealgate" bench/peers.sh
#
# The harness's nginx origin (HTTP :18080, HTTPS :18443), its wrk script (proxy.lua) and its
# CONNECT load generator (tools/ProxyLoad.java) are used as they are; this script adds sealgate as
# a target and the scenarios of issue 6:
#
#   inject-c50, inject-c1   wrk sends plain `GET http://127.0.0.1:18443/` in absolute form; the proxy
#                           adds the credential and speaks TLS to the origin. sealgate is asked
#                           with `Sealgate-Bearer: BENCH_KEY`; nginx-inject and mitmproxy add theirs
#                           by configuration. direct: wrk over TLS sending the header itself.
#   connect-inject-c50      ProxyLoad: CONNECT 127.0.0.1:18443, TLS inside, keep-alive GETs. sealgate
#                           intercepts with its local CA and injects; mitmproxy intercepts (the
#                           client sends the credential). direct: ProxyLoad straight to :18443.
#   connect-c50             ProxyLoad: CONNECT localhost:18443. No key reaches localhost, so
#                           sealgate tunnels blind, as squid does.
#   http-c50                wrk: plain GET http://127.0.0.1:18080/, no credential.
#
# Each target is started alone, probed, warmed for WARMUP, then measured REPS times per scenario;
# its RSS is read 2 s after it starts listening. Then the wall time of `sealgate proxy logs --last
# 50` and `sealgate secrets list` (median of 11 runs, over the audit log the runs left). ProxyLoad
# sends no Proxy-Authorization on CONNECT, so this sealgate runs with require_token: false.
# Writes bench/results/peers-<time>.md. Needs wrk nginx-light squid mitmproxy openssl and a JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
SHARED_BENCH=${SHARED_BENCH:-$repo/../shared/bench}
TARGETS=${TARGETS:-"direct sealgate nginx-inject mitmproxy squid"}
REPS=${REPS:-2}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
SEALGATE_PORT=18765
BENCH=/tmp/bench # the harness's configs name this root

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 18080 18443 18090 13128 18889 $SEALGATE_PORT; do
  ! listening "$port" || { echo "bench: port $port is busy; is another run going?" >&2; exit 1; }
done
for tool in wrk nginx openssl java javac curl; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done
[ -f "$SHARED_BENCH/run.sh" ] || { echo "bench: needs the shared harness; set SHARED_BENCH" >&2; exit 1; }
[ -f proxy-daemon/target/sealgate.jar ] || mvn -B -q -DskipTests -pl proxy-daemon -am package

rm -rf "$BENCH" && cp -r "$SHARED_BENCH" "$BENCH"
run=$BENCH/run work=$(mktemp -d)
mkdir -p "$run/logs" "$run/www" "$run/nginx-upstream-tmp" "$run/nginx-inject-tmp" "$run/mitm"
head -c 65536 /dev/zero | tr '\0' x >"$run/www/64k.bin"
javac -d "$BENCH/tools/classes" "$BENCH/tools/ProxyLoad.java"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

pids=()
# Stops the target(s) started; waits for exactly those (a bare wait would wait for the origin too).
stop_all() {
  local p
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
origin_pid=
trap 'stop_all; [ -z "$origin_pid" ] || kill "$origin_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
await() { for _ in $(seq 600); do listening "$1" && return 0; sleep 0.1; done; echo "bench: nothing on :$1" >&2; return 1; }
rss_kb() { local t=0 p; for p in $1 $(pgrep -P "$1" || true); do t=$((t + $(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $t; }

nginx -p "$run/" -e "$run/logs/origin.err" -c "$BENCH/conf/nginx-upstream.conf" & origin_pid=$!
await 18080 && await 18443

# sealgate: its own home, the origin's certificate as extra_ca_file, one key for 127.0.0.1 only.
export SEALGATE_HOME="$work/home" SEALGATE_CONFIG="$work/config.yaml" SEALGATE_PASSPHRASE="bench passphrase"
printf 'proxy:\n  listen: 127.0.0.1:%s\n  require_token: false\nupstream:\n  extra_ca_file: %s\nstore:\n  backend: file\n' \
  "$SEALGATE_PORT" "$BENCH/conf/upstream.crt" >"$SEALGATE_CONFIG"
./sealgate init 2>/dev/null
printf %s "bench-token" | ./sealgate secrets set BENCH_KEY --host 127.0.0.1 2>/dev/null

start_target() { # name -> sets port and pid
  case $1 in
    sealgate) port=$SEALGATE_PORT; ./sealgate proxy start --foreground 2>"$run/logs/sealgate.err" & ;;
    nginx-inject) port=18090; nginx -p "$run/" -e "$run/logs/nginx-inject.err" -c "$BENCH/conf/nginx-inject.conf" & ;;
    squid) port=13128; squid -N -f "$BENCH/conf/squid.conf" >"$run/logs/squid.out" 2>&1 & ;;
    mitmproxy) port=18889; mitmdump --mode regular --listen-host 127.0.0.1 --listen-port 18889 --ssl-insecure -q \
      --set confdir="$run/mitm" -s "$BENCH/conf/mitm_inject.py" >"$run/logs/mitm.out" 2>&1 & ;;
  esac
  pid=$!; pids+=("$pid"); await "$port"
}

supports() { # target scenario
  case "$1:$2" in
    direct:*|sealgate:*) return 0 ;;
    nginx-inject:inject-*|nginx-inject:http-c50) return 0 ;;
    mitmproxy:inject-*|mitmproxy:connect-inject-c50|mitmproxy:http-c50) return 0 ;;
    squid:connect-c50|squid:http-c50) return 0 ;;
  esac
  return 1
}

field() { local v; v=$(sed -n "s/.* $1=\([0-9.]*\).*/\1/p" | head -n1); echo "${v:-0}"; }
measure() { # target scenario seconds -> "rps p50_us errors"
  local t=$1 s=$2 d=$3 px="" hdr=() out
  [ "$t" = direct ] || px="127.0.0.1:$port"
  [ "$t" = sealgate ] && hdr=(EXTRA_HEADER="Sealgate-Bearer: BENCH_KEY")
  case $s in
    inject-c50|inject-c1)
      local c=50 th=2; [ "$s" = inject-c1 ] && { c=1; th=1; }
      if [ "$t" = direct ]; then
        out=$(EXTRA_HEADER="Authorization: Bearer bench-token" wrk -t$th -c$c -d"$d" --timeout 5s -s "$BENCH/proxy.lua" https://127.0.0.1:18443/)
      else
        out=$(env "${hdr[@]}" wrk -t$th -c$c -d"$d" --timeout 5s -s "$BENCH/proxy.lua" "http://$px" -- http://127.0.0.1:18443/)
      fi ;;
    http-c50)
      if [ "$t" = direct ]; then out=$(wrk -t2 -c50 -d"$d" --timeout 5s -s "$BENCH/proxy.lua" http://127.0.0.1:18080/)
      else out=$(wrk -t2 -c50 -d"$d" --timeout 5s -s "$BENCH/proxy.lua" "http://$px" -- http://127.0.0.1:18080/); fi ;;
    connect-inject-c50|connect-c50)
      local url=https://127.0.0.1:18443/ h="Authorization: Bearer bench-token"
      [ "$s" = connect-c50 ] && url=https://localhost:18443/
      [ "$t" = sealgate ] && h="Sealgate-Bearer: BENCH_KEY"
      out=$(java -XX:+UseSerialGC -cp "$BENCH/tools/classes" ProxyLoad -c 50 -d "${d%s}" -w 2 ${px:+-x "$px"} -H "$h" "$url") ;;
  esac
  local line; line=$(echo "$out" | grep '^RESULT' | sed 's/^RESULT/ /')
  local errs=$(( $(echo "$line" | field err_status) + $(echo "$line" | field err_connect) + $(echo "$line" | field err_timeout) ))
  echo "$(echo "$line" | field rps) $(echo "$line" | field p50_us) $errs"
}

SCENARIOS="inject-c50 inject-c1 connect-inject-c50 connect-c50 http-c50"
declare -A result rss
for t in $TARGETS; do
  port=""; pid=""
  [ "$t" = direct ] || { start_target "$t"; sleep 2; rss[$t]=$(rss_kb "$pid"); }
  if [ "$t" = sealgate ]; then
    # The origin echoes the credential in X-Saw-Auth; sealgate must have injected it, and then
    # redacted the echo on its way back.
    probe=$(curl -s -D - -o /dev/null --proxy "http://127.0.0.1:$port" -H "Sealgate-Bearer: BENCH_KEY" http://127.0.0.1:18443/ | tr -d '\r')
    [[ $probe == *"X-Saw-Auth: Bearer [REDACTED:BENCH_KEY]"* ]] || { echo "bench: sealgate did not inject: $probe" >&2; exit 1; }
  fi
  for s in $SCENARIOS; do supports "$t" "$s" && measure "$t" "$s" "$WARMUP" >/dev/null; done
  for rep in $(seq "$REPS"); do
    for s in $SCENARIOS; do
      supports "$t" "$s" || continue
      echo "$(date +%T) $t $s rep $rep" >&2
      result[$t:$s]+="$(measure "$t" "$s" "$DURATION");"
    done
  done
  [ "$t" = direct ] || stop_all
done

# CLI wall time, over the audit log the runs above left (rotated at 10 MiB) and one key.
cli_ms() { local xs=() i s; for i in $(seq 11); do s=$(date +%s%N); "$@" >/dev/null 2>&1; xs+=($(( ($(date +%s%N) - s) / 1000000 ))); done; printf '%s\n' "${xs[@]}" | sort -n | sed -n 6p; }
logs_ms=$(cli_ms ./sealgate proxy logs --last 50)
list_ms=$(cli_ms ./sealgate secrets list)

median() { tr ';' '\n' | awk 'NF' | awk -v f="$1" '{print $f}' | sort -n | awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2); else print "-"}'; }
cell() { [ -n "${result[$1:$2]:-}" ] && echo "${result[$1:$2]}" | median "$3" || echo "-"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

out="bench/results/peers-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# sealgate beside its peers ($(date -u +%FT%TZ))"
  echo
  echo "$(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -n1), $(nginx -v 2>&1), REPS=$REPS DURATION=$DURATION WARMUP=$WARMUP; medians of the reps."
  echo
  echo "| scenario | target | req/s | p50 µs | errors |"
  echo "|---|---|---:|---:|---:|"
  for s in $SCENARIOS; do for t in $TARGETS; do
    supports "$t" "$s" && echo "| $s | $t | $(cell "$t" "$s" 1) | $(cell "$t" "$s" 2) | $(cell "$t" "$s" 3) |"
  done; done
  echo
  echo "## Against the targets of issue 6"
  echo
  echo "| scenario | target | measured |"
  echo "|---|---|---|"
  echo "| inject-c50 | ≥ 1.0× nginx-inject, ≥ 40× mitmproxy | $(ratio "$(cell sealgate inject-c50 1)" "$(cell nginx-inject inject-c50 1)")× nginx-inject, $(ratio "$(cell sealgate inject-c50 1)" "$(cell mitmproxy inject-c50 1)")× mitmproxy |"
  echo "| inject-c1 | p50 ≤ direct + 80 µs | direct $(cell direct inject-c1 2) µs, sealgate $(cell sealgate inject-c1 2) µs |"
  echo "| connect-inject-c50 | ≥ 40× mitmproxy | $(ratio "$(cell sealgate connect-inject-c50 1)" "$(cell mitmproxy connect-inject-c50 1)")× |"
  echo "| connect-c50 | ≥ 1.2× squid | $(ratio "$(cell sealgate connect-c50 1)" "$(cell squid connect-c50 1)")× |"
  echo "| http-c50 | ≥ 2× squid | $(ratio "$(cell sealgate http-c50 1)" "$(cell squid http-c50 1)")× |"
  echo "| idle RSS | ≤ 64 MiB | $(( ${rss[sealgate]:-0} / 1024 )) MiB (nginx-inject $(( ${rss[nginx-inject]:-0} / 1024 )), squid $(( ${rss[squid]:-0} / 1024 )), mitmproxy $(( ${rss[mitmproxy]:-0} / 1024 )) MiB) |"
  echo "| proxy logs --last 50 | ≤ 200 ms | $logs_ms ms |"
  echo "| secrets list | ≤ 200 ms | $list_ms ms |"
} | tee "$out"
