#!/usr/bin/env bash
# Runs a command with a real, unlocked OS keyring that exists only for that run: on Linux a private
# D-Bus session with gnome-keyring, its files and sockets in a temporary folder (so a developer's own
# keyring is never touched and a stale test keyring never stays locked), stopped when the command
# ends. Elsewhere (macOS, Windows) the OS keychain is used as it is.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  exec "$@"
fi
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
# Its own runtime folder too: the keyring daemon finds a running one through a socket there.
export XDG_RUNTIME_DIR="$keyring_home"
dbus-run-session -- bash "$(dirname "$0")/keyring-session.sh" "$@"
