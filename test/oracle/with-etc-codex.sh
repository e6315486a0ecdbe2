#!/usr/bin/env bash
# Runs a command with /etc/codex replaced by a fixture directory (and optionally a private hostname), never touching the real /etc.
#
#   test/oracle/with-etc-codex.sh [--hostname NAME] ETC_FIXTURE_DIR cmd [args...]
#
# Codex 0.169.0 reads /etc/codex/{requirements.toml,managed_config.toml,config.toml}
# from hard-coded paths, so the fixture has to appear at /etc/codex. The command
# runs in a private mount namespace (`unshare -m`, needs root/CAP_SYS_ADMIN) in
# which /etc is an overlayfs whose upper layer holds codex/ = a copy of the
# fixture; an empty or missing fixture hides any real /etc/codex.
# With --hostname the command also gets a private UTS namespace (`unshare -u`)
# with that hostname, and the overlay's /etc/hosts maps the name to 127.0.1.1 so
# Codex's canonical-name lookup resolves it locally (deterministic, no DNS).
set -euo pipefail

host=""
if [[ "${1:-}" == "--hostname" ]]; then host="$2"; shift 2; fi
if [[ $# -lt 2 ]]; then
  echo "usage: $0 [--hostname NAME] ETC_FIXTURE_DIR cmd [args...]" >&2
  exit 2
fi
fixture="$1"; shift

work="$(mktemp -d "${TMPDIR:-/tmp}/warden-etc-ovl.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/upper" "$work/work" "$work/codex"
if [[ -n "$fixture" && -d "$fixture" ]]; then cp -a "$fixture"/. "$work/codex/"; fi

flags=(-m)
if [[ -n "$host" ]]; then flags+=(-u); fi

# unshare and the inner bash exec into the command, so $child is the command
# itself; it runs in the background (stdin passed explicitly) so that
# SIGTERM/SIGINT sent to this wrapper can be forwarded to it.
unshare "${flags[@]}" bash -c '
  set -e
  w="$1"; host="$2"; shift 2
  mount --make-rprivate /
  mount -t overlay overlay -o "lowerdir=/etc,upperdir=$w/upper,workdir=$w/work" /etc
  mkdir -p /etc/codex
  mount --bind "$w/codex" /etc/codex
  if [[ -n "$host" ]]; then
    hostname "$host"
    printf "\n127.0.1.1 %s\n" "$host" >> /etc/hosts
  fi
  exec "$@"
' _ "$work" "$host" "$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' INT TERM HUP
set +e
wait "$child"; rc=$?
while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
exit $rc
