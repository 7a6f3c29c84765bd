#!/usr/bin/env bash
# Drives a running mimecast-simulator the way a non-.NET test suite would: curl only (plus openssl for the API 1.0
# signature). Starts the given command with --https on a free port (SIM_PORT to choose one), then: enqueues a 503
# and a token_expired and sees both, expires the binding and sees a 418, adds a late (backdated) record and pages it,
# reads the journal and checks every step is in it. The simulator process is stopped at the end, also on failure.
#
#   .ci/simulator-smoke.sh mimecast-simulator
#   .ci/simulator-smoke.sh dotnet src/Mimecast.Sdk.Simulator/bin/Debug/net10.0/Mimecast.Sdk.Simulator.dll
# Prints "SIMULATOR SMOKE: PASS" on success.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 <simulator command...>" >&2; exit 2; }
for tool in curl openssl base64 od; do
  command -v "$tool" >/dev/null || { echo "SIMULATOR SMOKE: FAIL - $tool is needed (apt-get install -y curl openssl)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/mimecast-sim-smoke.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "SIMULATOR SMOKE: FAIL - $*" >&2; echo "--- simulator output:" >&2; cat "$work/out.log" >&2 || true; exit 1; }

control="smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
"$@" --https --port "${SIM_PORT:-0}" --control-token "$control" > "$work/out.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  grep -q '^Control API:' "$work/out.log" && break
  kill -0 "$pid" 2>/dev/null || fail "the simulator exited at start"
  sleep 0.5
done
grep -q '^Control API:' "$work/out.log" || fail "the simulator did not start within 60 s"

field() { sed -n "s/^  $1 *//p" "$work/out.log" | head -1; }
base="$(field 'API base URL (1.0 and 2.0):')"
pem="$(field 'TLS certificate (PEM):')"
fingerprint="$(field 'TLS SHA-256 fingerprint:')"
case "$base" in https://127.0.0.1:*) ;; *) fail "unexpected base URL '$base'";; esac
[ -f "$pem" ] || fail "certificate file '$pem' missing"
actual="$(openssl x509 -in "$pem" -noout -fingerprint -sha256 | sed 's/^.*=//')"
[ "$actual" = "$fingerprint" ] || fail "printed fingerprint $fingerprint is not the certificate's $actual"
echo "simulator at $base (certificate $pem, SHA-256 $fingerprint)"

# curl trusts only the generated certificate: TLS is really verified.
call() { curl --silent --show-error --max-time 30 --cacert "$pem" -o "$work/body" -w '%{http_code}' "$@"; }
ctl() { # METHOD PATH [JSON]
  local status
  status="$(call -X "$1" -H "Authorization: Bearer $control" -H 'Content-Type: application/json' ${3:+--data "$3"} "$base$2")"
  [ "$status" = 200 ] || fail "$1 $2 answered $status: $(cat "$work/body")"
  grep -q '"ok":true' "$work/body" || fail "$1 $2 did not answer ok: $(cat "$work/body")"
  cat "$work/body"
}
expect() { # STATUS TEXT LABEL (after call)
  [ "$got" = "$1" ] || fail "$3: expected HTTP $1, got $got: $(cat "$work/body")"
  grep -q -- "$2" "$work/body" || fail "$3: the answer lacks $2: $(cat "$work/body")"
  echo "ok: $3 -> HTTP $got"
}
bearer() {
  got="$(call -X POST "$base/oauth/token" --data-urlencode "client_id=$(field 'client id')" \
    --data-urlencode "client_secret=$(field 'client secret')" --data-urlencode grant_type=client_credentials)"
  [ "$got" = 200 ] || fail "token answered $got"
  sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' "$work/body"
}
url_logs() { # TOKEN [DATA]
  got="$(call -X POST -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    --data "{\"data\":[${2:-{\}}]}" "$base/api/ttp/url/get-logs")"
}
signed_url_logs() { # API 1.0 HMAC-SHA1 signature, computed here with openssl
  local path=/api/ttp/url/get-logs date reqid hexkey sig
  date="$(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')"
  reqid="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n' | sed 's/\(.\{8\}\)\(.\{4\}\)\(.\{4\}\)\(.\{4\}\)/\1-\2-\3-\4-/')"
  hexkey="$(printf '%s' "$(field 'secret key')" | base64 -d | od -An -v -tx1 | tr -d ' \n')"
  sig="$(printf '%s' "$date:$reqid:$path:$(field 'app key')" | openssl dgst -sha1 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64)"
  got="$(call -X POST -H "x-mc-date: $date" -H "x-mc-req-id: $reqid" -H "x-mc-app-id: $(field 'app id')" \
    -H "Authorization: MC $(field 'access key'):$sig" -H 'Content-Type: application/json' --data '{"data":[{}]}' "$base$path")"
}

got="$(call "$base/_simulator/journal")"
[ "$got" = 401 ] || fail "the control API answered $got without its token"
echo "ok: control API refuses a call without the token"

ctl POST /_simulator/faults '{"fault":"server_error","count":1,"path":"/api/ttp/url/get-logs"}' >/dev/null
token="$(bearer)"
url_logs "$token"; expect 503 err_service_unavailable "enqueued 503"

ctl POST /_simulator/faults '{"fault":"token_expired"}' >/dev/null
url_logs "$token"; expect 401 token_expired "enqueued token_expired"

signed_url_logs; expect 200 clickLogs "signed call before expiry"
ctl POST /_simulator/bindings/expire '{}' >/dev/null
signed_url_logs; expect 418 err_xdk_binding_expired "expired binding"

added="$(ctl POST /_simulator/records/url '{"count":1,"at":"2026-01-02T03:04:05+0000"}')"
grep -q '"added":1' <<<"$added" || fail "records: $added"
url_logs "$(bearer)" '{"from":"2026-01-02T00:00:00+0000","to":"2026-01-03T00:00:00+0000"}'
expect 200 '"date":"2026-01-02T03:04:05' "late record served"

journal="$(ctl GET /_simulator/journal)"
for needle in '"status":503' '"errorCode":"token_expired"' '"status":418' '"fault":"ServerError"' '"fault":"TokenExpired"'; do
  grep -q "$needle" <<<"$journal" || fail "the journal lacks $needle: $journal"
done
echo "ok: the journal shows the 503, the token_expired and the 418"

kill -TERM "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2>/dev/null; then fail "the simulator did not stop on SIGTERM"; fi
wait "$pid" && rc=0 || rc=$?
pid=""
[ "$rc" = 0 ] || fail "the simulator exited with $rc"
grep -q '^Stopping;' "$work/out.log" || fail "the simulator did not report stopping"
[ ! -e "$pem" ] || fail "the generated certificate $pem outlived the simulator"
echo "SIMULATOR SMOKE: PASS"
