#!/usr/bin/env bash
# Inside a private D-Bus session (see with-test-keyring.sh): starts gnome-keyring in the foreground,
# unlocked, waits until it serves the Secret Service, runs the command, then stops the daemon, so
# nothing outlives the run holding the caller's output open.
set -uo pipefail
echo -n "${KEYRING_PASSWORD:-test-keyring}" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true' && break
  sleep 0.1
done
"$@"
status=$?
kill "$daemon" 2>/dev/null
wait "$daemon" 2>/dev/null
exit "$status"
