#!/usr/bin/env bash
# Runs every test: unit tests, Azurite integration tests, end-to-end tests against the running app,
# bot conversations over HTTP and browser tests in Debian's Chromium. Installs what they need first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_node_tools
ensure_chromium

rm -rf TestResults
dotnet build VirServerless.sln -c Debug -nologo -clp:ErrorsOnly
status=0
dotnet test VirServerless.sln -c Debug --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults "$@" || status=$?
node scripts/test-summary.mjs TestResults
exit $status
