#!/usr/bin/env bash
# Runs a command against a LOCKED keyring: creates a login keyring with one password in a private
# D-Bus session, then, in a second one, starts the keyring daemon with the wrong password, so the
# collection exists but stays locked (as on a desktop whose user has not unlocked it).
set -euo pipefail
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home" XDG_RUNTIME_DIR="$home"
session="$(dirname "$0")/../../scripts/keyring-session.sh"
KEYRING_PASSWORD=right-password dbus-run-session -- bash "$session" true 2>/dev/null
KEYRING_PASSWORD=wrong-password dbus-run-session -- bash "$session" "$@" 2>/dev/null
