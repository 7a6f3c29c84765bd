#!/usr/bin/env bash
# Publishes samples/Mimecast.Sdk.AotSample with native AOT and runs the binary (simulator + API 1.0 discover, login,
# one page of each TTP kind + one API 2.0 call). Fails on any IL2xxx/IL3xxx (trim/AOT) warning that mentions
# Mimecast, on a failed publish, and on a non-zero exit of the binary. Other trim/AOT warnings are listed and
# counted (set AOT_STRICT=1 to fail on them too). Then publishes the mimecast CLI native-AOT (linux-x64) and fails on ANY
# warning of that publish, runs the binary (version, help exit-codes, completion, exit code 4 without credentials).
# Prints "AOT CHECK: PASS" on success.
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

# ---- The mimecast CLI (issue 21): published native-AOT for linux-x64; ANY warning fails (not only Mimecast's).
cli_src="$root/src/Mimecast.Cli"
cli_out="$out/cli"
cli_log="$out/cli-publish.log"
rm -rf "$cli_src/obj/Release/net10.0/linux-x64/native"
echo "== Publishing the mimecast CLI (native AOT, linux-x64) into $cli_out"
set +e
dotnet publish "$cli_src/Mimecast.Cli.csproj" -c Release -r linux-x64 -p:PublishAot=true -p:TrimmerSingleWarn=false \
  -o "$cli_out" -nologo -clp:NoSummary >"$cli_log" 2>&1
cli_rc=$?
set -e
cli_warnings="$(grep -Eo '[^ ]*.*warning [A-Z]+[0-9]+.*' "$cli_log" | sed 's/ \[[^]]*\]$//' | sort -u || true)"
cli_count=$(grep -c . <<<"$cli_warnings" || true)
if [ "$cli_rc" -ne 0 ]; then
  tail -n 40 "$cli_log"
  fail "dotnet publish of the CLI exited with $cli_rc"
fi
echo "CLI publish warnings: $cli_count"
[ "$cli_count" -eq 0 ] || { echo "$cli_warnings"; fail "$cli_count warning(s) publishing the CLI native-AOT"; }
cli="$cli_out/mimecast"
[ -x "$cli" ] || fail "no native CLI at $cli"
echo "== Running $cli ($(du -h "$cli" | cut -f1))"
"$cli" version || fail "mimecast version exited with $?"
"$cli" help exit-codes | grep -q '130' || fail "mimecast help exit-codes"
[ "$("$cli" '[suggest:11]' 'mimecast au')" = "auth" ] || fail "completion through the [suggest] directive"
cli_config="$(mktemp -d "${TMPDIR:-/tmp}/mimecast-cli-config.XXXXXX")"
set +e
env -u MIMECAST_CLIENT_ID -u MIMECAST_CLIENT_SECRET -u MIMECAST_APP_ID -u MIMECAST_ACCESS_KEY -u MIMECAST_PROFILE \
  MIMECAST_CONFIG_DIR="$cli_config" "$cli" api /api/account/get-account 2>/dev/null
cli_exit=$?
set -e
rm -rf "$cli_config"
[ "$cli_exit" -eq 4 ] || fail "mimecast without credentials exited with $cli_exit, not 4"
echo "AOT CHECK: PASS (0 trim/AOT warnings from Mimecast; $il_count in total; the mimecast CLI with 0 warnings)"
