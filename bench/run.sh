#!/usr/bin/env bash
# Runs every benchmark scenario of issue 7 and writes bench/RESULTS.md. Not part of CI.
# Usage: bash bench/run.sh [--repetitions 3 --pairs 200 --burst-repetitions 3 --reminders 10000 --output path]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_node_tools
dotnet build VirServerless.sln -c Release -nologo -v quiet
dotnet bench/VirServerless.Bench/bin/Release/net10.0/VirServerless.Bench.dll "$@"
