#!/usr/bin/env bash
# Runs every benchmark scenario of issue 7 and writes bench/RESULTS.md. Not part of CI.
# Usage: bash bench/run.sh [--repetitions 3 --startup-repetitions 11 --throughput-repetitions 5 --pairs 200 --burst-repetitions 3 --reminders 10000 --scenarios … --output path]
# The function app and the bare start-up baseline are measured as deployed: published with the options of
# scripts/publish.sh (self-contained linux-x64, ReadyToRun), each started as its own executable.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_node_tools
dotnet build VirServerless.sln -c Release -nologo -v quiet
OUT="$PWD/artifacts/bench"
for project in functions/VirServerless.Functions.csproj bench/BareApp/BareApp.csproj; do
  name=$(basename "$project" .csproj)
  dotnet publish "$project" -c Release "${PUBLISH_OPTIONS[@]}" -o "$OUT/$name" --nologo -v quiet
done
export VIRSERVERLESS_APP="$OUT/VirServerless.Functions/VirServerless.Functions"
export VIRSERVERLESS_BARE_APP="$OUT/BareApp/BareApp"
dotnet bench/VirServerless.Bench/bin/Release/net10.0/VirServerless.Bench.dll "$@"
