#!/usr/bin/env bash
# Builds the Teams app package: substitutes the bot's app id and public host into manifest.json and zips it with the
# icons to artifacts/virserverless-teams-app.zip (repository root). Upload that zip in Teams ("Apps" > "Manage your
# apps" > "Upload an app") or in the Teams admin center.
#   BOT_ID=<Bot:MicrosoftAppId> PUBLIC_HOST=<func-app>.azurewebsites.net bot/appPackage/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
: "${BOT_ID:?Set BOT_ID to the bot's Microsoft App ID (Bot:MicrosoftAppId)}"
: "${PUBLIC_HOST:?Set PUBLIC_HOST to the function app's host name, e.g. func-vir.azurewebsites.net}"
if ! [[ "$BOT_ID" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "BOT_ID must be a GUID, got '$BOT_ID'" >&2; exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed -e "s/\${{BOT_ID}}/$BOT_ID/g" -e "s/\${{PUBLIC_HOST}}/$PUBLIC_HOST/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
mkdir -p "$root/artifacts"
rm -f "$root/artifacts/virserverless-teams-app.zip"
python3 - "$work" "$root/artifacts/virserverless-teams-app.zip" <<'PY'
import sys, zipfile, os
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):  # files at the zip root, as Teams requires
        z.write(os.path.join(src, name), name)
PY
echo "artifacts/virserverless-teams-app.zip"
