#!/usr/bin/env bash
# Writes each shipped project's current public API into its PublicAPI.Unshipped.txt (or, with --ship, moves
# everything into PublicAPI.Shipped.txt): builds with the PublicApiAnalyzers' RS0016/RS0017 as warnings and takes
# the symbols they name. Review the diff of the .txt files: it is the change to the public surface.
#   eng/update-public-api.sh [--ship] [project ...]     (default: every project under src/ that has PublicAPI files)
set -euo pipefail
cd "$(dirname "$0")/.."
ship=0
if [ "${1:-}" = "--ship" ]; then ship=1; shift; fi
projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  mapfile -t projects < <(ls src/*/PublicAPI.Shipped.txt | xargs -n1 dirname)
fi
for dir in "${projects[@]}"; do
  shipped="$dir/PublicAPI.Shipped.txt"; unshipped="$dir/PublicAPI.Unshipped.txt"
  log=$(mktemp)
  dotnet build "$dir" -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= --no-incremental -v:q -clp:NoSummary > "$log" 2>&1 || true
  # Symbols the files lack (RS0016) are added; symbols the files list that no longer exist (RS0017) are dropped.
  added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API" "$log" | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
  removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" "$log" | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u || true)
  for f in "$shipped" "$unshipped"; do
    [ -f "$f" ] || printf '#nullable enable\n' > "$f"
    if [ -n "$removed" ]; then
      grep -vxF -f <(printf '%s\n' "$removed") "$f" > "$f.tmp" || true
      mv "$f.tmp" "$f"
    fi
  done
  { grep -v '^#nullable' "$unshipped" || true; [ -n "$added" ] && printf '%s\n' "$added"; } | sort -u > "$unshipped.tmp"
  if [ $ship -eq 1 ]; then
    { grep -v '^#nullable' "$shipped" || true; cat "$unshipped.tmp"; } | sort -u | { echo '#nullable enable'; cat; } > "$shipped.tmp"
    mv "$shipped.tmp" "$shipped"; printf '#nullable enable\n' > "$unshipped"; rm "$unshipped.tmp"
  else
    { echo '#nullable enable'; cat "$unshipped.tmp"; } > "$unshipped"; rm "$unshipped.tmp"
  fi
  other=$(grep -oE "warning RS0[0-9]+" "$log" | grep -vE "RS0016|RS0017" | sort | uniq -c || true)
  echo "$dir: $(printf '%s' "$added" | grep -c . || true) added, $(printf '%s' "$removed" | grep -c . || true) removed${other:+; other: $other}"
  rm -f "$log"
done
