# Source this (bash): `. .ci/secret-service.sh start` starts a real Secret Service for the tests —
# a private D-Bus session and gnome-keyring, unlocked — as RECIPES.md describes, and
# `secret_service_stop` ends it. The keyring lives in its own directory: HOME and XDG_* point
# there while it runs, so nothing is written into the real home (set them before starting the
# bus, or an on-demand keyring lands in the real one).
# Exports DBUS_SESSION_BUS_ADDRESS and SEALGATE_TEST_SECRET_SERVICE=1 (the keychain tests run
# only when it is 1). SEALGATE_REAL_HOME keeps the home the caller had.

secret_service_start() {
  local dir
  dir=$(mktemp -d /tmp/sealgate-keyring.XXXXXX)
  export SEALGATE_REAL_HOME="$HOME"
  export HOME="$dir" XDG_DATA_HOME="$dir/.local/share" XDG_RUNTIME_DIR="$dir/run"
  mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" && chmod 700 "$XDG_RUNTIME_DIR"
  exec 3>"$XDG_RUNTIME_DIR/dbus.pid"
  DBUS_SESSION_BUS_ADDRESS=$(dbus-daemon --session --fork --nopidfile --print-address=1 --print-pid=3)
  export DBUS_SESSION_BUS_ADDRESS
  exec 3>&-
  SEALGATE_DBUS_PID=$(cat "$XDG_RUNTIME_DIR/dbus.pid")
  printf %s ci-pass | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  SEALGATE_GKD_PID=$!
  local tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 200 ]; then
      echo "secret-service: gnome-keyring did not appear on the bus within 20 s" >&2
      return 1
    fi
    sleep 0.1
  done
  export SEALGATE_TEST_SECRET_SERVICE=1 SEALGATE_KEYRING_DIR="$dir"
  echo "secret-service: gnome-keyring up on $DBUS_SESSION_BUS_ADDRESS"
}

secret_service_stop() {
  kill "${SEALGATE_GKD_PID:-}" "${SEALGATE_DBUS_PID:-}" 2>/dev/null || true
  [ -n "${SEALGATE_REAL_HOME:-}" ] && export HOME="$SEALGATE_REAL_HOME"
  [ -n "${SEALGATE_KEYRING_DIR:-}" ] && rm -rf "$SEALGATE_KEYRING_DIR"
  unset SEALGATE_TEST_SECRET_SERVICE DBUS_SESSION_BUS_ADDRESS
}

if [ "${1:-}" = start ]; then
  secret_service_start
fi
