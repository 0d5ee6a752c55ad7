# Sourced by latency.sh and scale.sh: checks the tools, then starts, in a temporary directory
# removed on exit, an nginx origin over TLS on 127.0.0.1:$ORIGIN_PORT (a certificate made for
# this run; `/` answers {"ok":true}, /1k and /1m are bodies of those sizes) and a sealgate on
# 127.0.0.1:$PROXY_PORT with its own home, the origin's certificate as extra_ca_file and one key,
# BENCH_KEY, for 127.0.0.1. Leaves: work, pids, sealgate_pid, and PROXY_AUTH and KEY exported
# for inject.lua. Loopback only.

for tool in wrk nginx openssl java; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool (apt-get install wrk nginx-light openssl)" >&2; exit 1; }
done
[ -f proxy-daemon/target/sealgate.jar ] || mvn -B -q -DskipTests package

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=bench \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/origin.key" -out "$work/origin.crt" 2>/dev/null
mkdir -p "$work/www" && chmod 755 "$work" "$work/www"   # nginx's workers read the bodies as nobody
head -c 768 /dev/urandom | base64 -w0 >"$work/www/1k"        # 1,024 bytes of text
head -c 786432 /dev/urandom | base64 -w0 >"$work/www/1m"     # 1,048,576 bytes
chmod 644 "$work/www/"*
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.err warn;
worker_rlimit_nofile 8192;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  client_body_temp_path $work/body;
  server {
    listen 127.0.0.1:$ORIGIN_PORT ssl backlog=4096;
    ssl_certificate $work/origin.crt;
    ssl_certificate_key $work/origin.key;
    location = / { default_type application/json; return 200 '{"ok":true}'; }
    location / { default_type application/octet-stream; root $work/www; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" & pids+=($!)

# ProxyLoad (latency.sh) sends no Proxy-Authorization on CONNECT, hence require_token: false.
export SEALGATE_HOME="$work/home" SEALGATE_CONFIG="$work/config.yaml" SEALGATE_PASSPHRASE="bench passphrase"
printf 'proxy:\n  listen: 127.0.0.1:%s\n  require_token: false\nupstream:\n  extra_ca_file: %s\nstore:\n  backend: file\n' \
  "$PROXY_PORT" "$work/origin.crt" >"$SEALGATE_CONFIG"
./sealgate init 2>/dev/null
printf %s "bench-value-not-secret" | ./sealgate secrets set BENCH_KEY --host 127.0.0.1 2>/dev/null
./sealgate proxy start --foreground 2>"$work/sealgate.log" & pids+=($!)
sealgate_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/sealgate.log" 2>/dev/null && break; sleep 0.1; done
PROXY_AUTH="Basic $(printf 'sealgate:%s' "$(cat "$SEALGATE_HOME/proxy.token")" | base64 -w0)"
export PROXY_AUTH KEY=BENCH_KEY
