#!/usr/bin/env bash
# Refreshes PublicAPI.Unshipped.txt of the packable libraries from their current public surface
# (adds missing entries: RS0016; removes entries whose member is gone: RS0017).
# Review the diff: an added line is new API, a removed line is a breaking change once shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
# Every packable library: each keeps its PublicAPI files next to its project file.
for project in $(ls src/*/PublicAPI.Unshipped.txt | xargs -n1 dirname | sed 's|$|/*.csproj|'); do
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity info -v q
done
git --no-pager diff --stat -- '*/PublicAPI.*.txt' || true
