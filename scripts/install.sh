#!/bin/sh
# Builds eniplan in release mode and installs it, with its shell completions, under PREFIX.
#
#   scripts/install.sh                      # into /usr/local
#   PREFIX="$HOME/.local" scripts/install.sh
#   STATIC=1 scripts/install.sh             # the Swift runtime linked in: a binary that needs only libc and libyaml
#   DESTDIR=/tmp/stage scripts/install.sh   # staged, for packaging
#
# Installs PREFIX/bin/eniplan and completions for bash, zsh and fish under PREFIX/share.
set -eu
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
root="${DESTDIR:-}${prefix}"
scratch=".build-install"

set -- -c release --product eniplan --scratch-path "$scratch"
if [ "${STATIC:-0}" = 1 ]; then
    set -- "$@" --static-swift-stdlib
fi
swift build "$@"
binary="$(swift build "$@" --show-bin-path)/eniplan"

install -d "$root/bin" "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
    "$root/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$root/bin/eniplan"
"$binary" --generate-completion-script bash > "$root/share/bash-completion/completions/eniplan"
"$binary" --generate-completion-script zsh > "$root/share/zsh/site-functions/_eniplan"
"$binary" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/eniplan.fish"
echo "installed $root/bin/eniplan ($("$root/bin/eniplan" --version)) and its completions under $root/share"
