#!/usr/bin/env bash
# Runs a command with a real, unlocked OS keyring that exists only for that run: on Linux a private
# D-Bus session with gnome-keyring, its keyring files in a temporary folder (so a developer's own
# keyring is never touched and a stale test keyring never stays locked). Elsewhere (macOS, Windows)
# the OS keychain is used as it is.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
dbus-run-session -- bash -c '
  set -euo pipefail
  echo -n "test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' bash "$@" 2> >(grep -v -e "Failed to set fd limit" -e "org.a11y.Bus" -e "SystemPrompter" -e "cannot open display" >&2)
