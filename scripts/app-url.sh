#!/usr/bin/env bash
# Prints the address the app will listen on for the given app arguments, the way the app derives PublicBaseUrl
# when it is not set: the first address of --urls (the command line wins over ASPNETCORE_URLS), with a wildcard
# host (+, *, 0.0.0.0, [::]) shown as localhost.
set -euo pipefail
urls="${ASPNETCORE_URLS:-}"
while (($#)); do
  case "$1" in
    --urls=*) urls="${1#--urls=}" ;;
    --urls) shift; urls="${1:-}" ;;
  esac
  (($#)) && shift
done
url="${urls%%;*}"
url="${url:-http://localhost:7071}"
scheme="${url%%://*}"
rest="${url#*://}"
host="${rest%:*}"
case "$host" in
  +|\*|0.0.0.0|\[::\]) rest="localhost${rest#"$host"}" ;;
esac
echo "$scheme://${rest%/}"
