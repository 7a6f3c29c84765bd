#!/usr/bin/env bash
# Publishes samples/Mimecast.Sdk.AotSample with native AOT and runs the binary (simulator + API 1.0 discover, login,
# one page of each TTP kind + one API 2.0 call). Fails on any IL2xxx/IL3xxx (trim/AOT) warning that mentions
# Mimecast, on a failed publish, and on a non-zero exit of the binary. Other trim/AOT warnings are listed and
# counted (set AOT_STRICT=1 to fail on them too). Prints "AOT CHECK: PASS" on success.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
sample="$root/samples/Mimecast.Sdk.AotSample"
out="${AOT_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/mimecast-aot.XXXXXX")}"
log="$out/publish.log"
mkdir -p "$out"

fail() { echo; echo "AOT CHECK: FAIL - $*" >&2; exit 1; }

# ILC only reports warnings when it runs: drop the sample's previous native intermediates so it always does.
rm -rf "$sample/obj/Release/net10.0/"*/native

echo "== Publishing (native AOT) into $out"
set +e
dotnet publish "$sample/Mimecast.Sdk.AotSample.csproj" -c Release -p:AotSample=true -p:TrimmerSingleWarn=false \
  -o "$out" -nologo -clp:NoSummary >"$log" 2>&1
publish_rc=$?
set -e
# Unique warning lines (MSBuild repeats them); IL2xxx = trimming, IL3xxx = AOT.
il_warnings="$(grep -Eo '[^ ]*.*(warning|error) IL[23][0-9]{3}.*' "$log" | sed 's/ \[[^]]*\]$//' | sort -u || true)"
mimecast_warnings="$(grep -i 'mimecast' <<<"$il_warnings" || true)"
il_count=$(grep -c . <<<"$il_warnings" || true)
mimecast_count=$(grep -c . <<<"$mimecast_warnings" || true)
if [ "$publish_rc" -ne 0 ]; then
  tail -n 40 "$log"
  fail "dotnet publish exited with $publish_rc"
fi
echo "trim/AOT warnings: $il_count in total, $mimecast_count mentioning Mimecast"
[ "$il_count" -eq 0 ] || echo "$il_warnings"
[ "$mimecast_count" -eq 0 ] || fail "$mimecast_count trim/AOT warning(s) mention Mimecast"
if [ "${AOT_STRICT:-0}" = "1" ] && [ "$il_count" -ne 0 ]; then fail "$il_count trim/AOT warning(s) (AOT_STRICT=1)"; fi

binary="$out/Mimecast.Sdk.AotSample"
[ -x "$binary" ] || fail "no native binary at $binary"
echo "== Running $binary ($(du -h "$binary" | cut -f1))"
"$binary" || fail "the native binary exited with $?"
echo "AOT CHECK: PASS (0 trim/AOT warnings from Mimecast; $il_count in total)"
