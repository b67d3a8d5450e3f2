#!/usr/bin/env bash
# Builds the deployable Azure Functions package (custom handler, Linux):
#   <out>/functionapp/      host.json, one folder per function (function.json), the self-contained executable
#   <out>/functionapp.zip   the same, zipped with the executable's run bit kept
# Usage: scripts/publish.sh [out-dir]   (default: artifacts)
# INCLUDE_SAMPLE_CATALOG=1 also copies catalog/samples to catalog/samples in the package
# (set the app setting Catalog__SeedDirectory=catalog/samples to load it at start).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
OUT_ROOT="$(mkdir -p "${1:-artifacts}" && cd "${1:-artifacts}" && pwd)"
PACKAGE="$OUT_ROOT/functionapp"
ZIP="$OUT_ROOT/functionapp.zip"
rm -rf "$PACKAGE" "$ZIP"

dotnet publish functions/VirServerless.Functions.csproj -c Release "${PUBLISH_OPTIONS[@]}" -o "$PACKAGE" --nologo -v quiet

cp host.json "$PACKAGE/host.json"
chmod 755 "$PACKAGE/VirServerless.Functions"

# The function folders come from the app's own endpoint table and timer table, never from a hand-kept list.
env -u FUNCTIONS_CUSTOMHANDLER_PORT "$PACKAGE/VirServerless.Functions" --emit-function-metadata "$PACKAGE"

if [[ "${INCLUDE_SAMPLE_CATALOG:-0}" == "1" ]]; then
  mkdir -p "$PACKAGE/catalog/samples"
  cp catalog/samples/*.json "$PACKAGE/catalog/samples/"
fi

python3 - "$PACKAGE" "$ZIP" <<'PY'
import os, stat, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.compress_type = zipfile.ZIP_DEFLATED
            # Unix mode in the high 16 bits: the Linux host must be able to execute the handler.
            info.external_attr = (stat.S_IMODE(os.stat(path).st_mode) | stat.S_IFREG) << 16
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
echo "Paket: $ZIP ($(du -h "$ZIP" | cut -f1))"
