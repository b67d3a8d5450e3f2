#!/usr/bin/env bash
# Runs VirServerless locally: Azurite storage (data kept in .azurite/), the sample catalog,
# mails as .eml files in .local/mail, and the app on http://localhost:7071 (or the first address of --urls).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh
ensure_node_tools

mkdir -p .local/mail .azurite
if [[ ! -s .local/admin-key ]]; then
  head -c 24 /dev/urandom | base64 | tr -d '/+=' > .local/admin-key
fi
ADMIN_KEY="$(cat .local/admin-key)"
MAIL_DIR="$PWD/.local/mail"

AZURITE_PID=""
if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "Azurite läuft bereits auf Port 10002 und wird mitbenutzt."
else
  node_modules/.bin/azurite --silent --disableTelemetry --location .azurite --debug .azurite/debug.log \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.out 2>&1 &
  AZURITE_PID=$!
  trap '[[ -n "$AZURITE_PID" ]] && kill "$AZURITE_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.1; done
fi

APP_URL="$(bash scripts/app-url.sh "$@")"
cat <<INFO

  VirServerless läuft gleich unter   $APP_URL
  Mail-Ordner (.eml-Dateien):         $MAIL_DIR
  Admin-Schlüssel (x-functions-key):  $ADMIN_KEY
  Bot-Endpunkt:                       $APP_URL/api/messages

INFO

export AzureWebJobsStorage="UseDevelopmentStorage=true"
export Admin__ApiKey="$ADMIN_KEY"
export Mail__PickupDirectory="$MAIL_DIR"
export Catalog__SeedDirectory="$PWD/catalog/samples"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet run --project functions/VirServerless.Functions.csproj -c Release -- "$@"
