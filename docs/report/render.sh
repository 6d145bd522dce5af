#!/usr/bin/env bash
# Renders a comparison's report.html to a PNG in headless Chromium (Debian's package `chromium`).
#   docs/report/render.sh runs/compare/report.html report.png [WIDTH] [HEIGHT]
# The window is WIDTH × HEIGHT CSS pixels (default 1280 × 9000; the page below HEIGHT is cut).
# The flags keep Chromium off the network (this machine has none) and out of the user's profile.
set -euo pipefail
html=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1280}
height=${4:-9000}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "render.sh: chromium not found; install Debian's package chromium (apt-get install chromium)" >&2
  exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$html" 2>/dev/null
echo "wrote $out (${width}x${height})"
