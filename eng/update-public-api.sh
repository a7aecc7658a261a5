#!/usr/bin/env bash
# Writes each shipped project's current public API into its PublicAPI.Unshipped.txt (or, with --ship, moves
# everything into PublicAPI.Shipped.txt): builds the solution once with the PublicApiAnalyzers' RS0016/RS0017 as
# warnings and takes the symbols they name, per project. Review the diff of the .txt files: it is the change to the
# public surface.
#   eng/update-public-api.sh [--ship]
set -euo pipefail
cd "$(dirname "$0")/.."
ship=0
if [ "${1:-}" = "--ship" ]; then ship=1; shift; fi
root=$(pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build JourneyKit.sln -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= --no-incremental -v:q -clp:NoSummary > "$log" 2>&1 || true
if [ -n "${PUBLIC_API_LOG:-}" ]; then cp "$log" "$PUBLIC_API_LOG"; fi
for shipped in src/*/PublicAPI.Shipped.txt; do
  dir=$(dirname "$shipped"); unshipped="$dir/PublicAPI.Unshipped.txt"
  project="$root/$dir/$(basename "$dir").csproj"
  # Only this project's lines: MSBuild ends each warning with the project it came from.
  mine=$(grep -aF "[$project" "$log" || true)
  added=$(printf '%s\n' "$mine" | grep -oE "RS0016: Symbol '.*' is not part of the declared public API" | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
  removed=$(printf '%s\n' "$mine" | grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u || true)
  for f in "$shipped" "$unshipped"; do
    [ -f "$f" ] || printf '#nullable enable\n' > "$f"
    if [ -n "$removed" ]; then
      grep -vxF -f <(printf '%s\n' "$removed") "$f" > "$f.tmp" || true
      mv "$f.tmp" "$f"
    fi
  done
  { grep -v '^#nullable' "$unshipped" || true; if [ -n "$added" ]; then printf '%s\n' "$added"; fi; } | sed '/^$/d' | sort -u > "$unshipped.tmp"
  if [ $ship -eq 1 ]; then
    { grep -v '^#nullable' "$shipped" || true; cat "$unshipped.tmp"; } | sed '/^$/d' | sort -u | { echo '#nullable enable'; cat; } > "$shipped.tmp"
    mv "$shipped.tmp" "$shipped"; printf '#nullable enable\n' > "$unshipped"; rm "$unshipped.tmp"
  else
    { echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped"; rm "$unshipped.tmp"
  fi
  other=$(printf '%s\n' "$mine" | grep -oE "(warning|error) RS0[0-9]+" | grep -vE "RS0016|RS0017" | sort | uniq -c | tr -s ' ' || true)
  echo "$dir: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed${other:+; other:$other}"
done
