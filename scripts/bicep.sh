#!/usr/bin/env bash
# Checks the infrastructure with the real Bicep CLI: `bicep build` and `bicep lint` must report no error and no
# warning, except BCP081 (a resource type Bicep has no type data for) for exactly the types that docs/deployment.md
# lists as "BCP081: `type@version`". The CLI comes from NuGet, so the .NET SDK is all it needs.
#   bash scripts/bicep.sh [--outdir DIR] [FILE.bicep]
# FILE defaults to infra/main.bicep; DIR keeps the compiled ARM JSON (otherwise it is thrown away).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
BICEP_VERSION=0.49.2
documentation="$root/docs/deployment.md"

outdir=""
if [[ "${1:-}" == "--outdir" ]]; then outdir="$2"; shift 2; fi
file="$(realpath "${1:-$root/infra/main.bicep}")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
outdir="${outdir:-$work/arm}"
mkdir -p "$outdir"

# A throwaway project outside the repository downloads the CLI package; the repository's Directory.*.props
# (central package management) must not apply to it, nor any that happen to lie above the temp folder.
cat > "$work/bicep-cli.proj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
EOF
isolated=(-nologo -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false)
dotnet restore "$work/bicep-cli.proj" "${isolated[@]}" -v:q >"$work/restore.log" 2>&1 || { cat "$work/restore.log" >&2; exit 1; }
packages="$(DOTNET_NOLOGO=1 dotnet msbuild "$work/bicep-cli.proj" "${isolated[@]}" -getProperty:NuGetPackageRoot | tail -n 1)"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
[[ -f "$bicep" ]] || { echo "Bicep-CLI nicht gefunden: $bicep" >&2; exit 1; }
chmod +x "$bicep"

failed=0
run() {
  local rc=0
  echo "> bicep $*"
  "$bicep" "$@" >"$work/out.log" 2>&1 || rc=$?
  tee -a "$work/diagnostics.log" <"$work/out.log"
  if [[ $rc -ne 0 ]]; then echo "FEHLER: bicep $1 endete mit $rc"; failed=1; fi
}
: >"$work/diagnostics.log"
run build "$file" --outdir "$outdir"
run lint "$file"

# Diagnostics look like: /path/file.bicep(12,3) : Warning BCP081: Resource type "Microsoft.X/y@2024-01-01" does ...
diagnostic='^.*\([0-9]+,[0-9]+\) : (Error|Warning) ([A-Za-z0-9-]+): '
while IFS= read -r line; do
  echo "FEHLER: nicht erlaubt: $line"; failed=1
done < <(grep -E "$diagnostic" "$work/diagnostics.log" | grep -Ev ' : Warning BCP081: ' | sort -u)

warned="$( (grep -E ' : Warning BCP081: ' "$work/diagnostics.log" || true) | sed -E 's/.*Resource type "([^"]+)".*/\1/' | sort -u)"
documented="$( (grep -oE 'BCP081: `[^`]+`' "$documentation" || true) | sed -E 's/BCP081: `(.*)`/\1/' | sort -u)"
while IFS= read -r type; do
  [[ -n "$type" ]] || continue
  echo "FEHLER: BCP081 für $type ist nicht in docs/deployment.md begründet (Zeile \"BCP081: \`$type\`\")"; failed=1
done < <(comm -23 <(echo "$warned") <(echo "$documented"))
while IFS= read -r type; do
  [[ -n "$type" ]] || continue
  echo "FEHLER: docs/deployment.md nennt BCP081 für $type, aber Bicep warnt nicht mehr davor: Zeile entfernen"; failed=1
done < <(comm -13 <(echo "$warned") <(echo "$documented"))

if [[ $failed -ne 0 ]]; then echo "Bicep-Prüfung fehlgeschlagen"; exit 1; fi
echo "Bicep $BICEP_VERSION: build und lint ohne Fehler und ohne Warnungen außer dokumentiertem BCP081 (${warned//$'\n'/, })"
