#!/usr/bin/env bash
# Starts Tessera as a user would (`npm start`), checks that the gateway refuses a request without a
# token, asks it the README's query with a force B officer's token from `npm run token`, checks that
# Penelope Ashworth comes back with events from two police forces, health and social care, then stops
# it with Ctrl-C (SIGINT) and checks that everything exits. Her risk, across agencies, must be HIGH.
set -euo pipefail
mode=$1
log=$(mktemp)
export TESSERA_DEMO_SUBJECTS=${TESSERA_DEMO_SUBJECTS:-500}
if [ "$mode" = server ]; then
  suffix="ci_$$"
  for s in IDENTITY POLICE HEALTH SOCIAL_CARE RISK; do
    lower=$(echo "$s" | tr 'A-Z' 'a-z')
    export "${s}_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tessera_${lower}_${suffix}"
  done
  # Other ports than a developer's own `npm start`.
  export GATEWAY_PORT=4100 IDENTITY_PORT=4101 POLICE_PORT=4102 HEALTH_PORT=4103 SOCIAL_CARE_PORT=4104 RISK_PORT=4105
fi
port=${GATEWAY_PORT:-4000}

# Its own process group, so that SIGINT reaches every process in it as Ctrl-C in a terminal does.
setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -INT -- "-$pid" 2>/dev/null || true
  if [ "$mode" = server ]; then
    for s in identity police health social_care risk; do
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS tessera_${s}_${suffix} WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  if grep -q "Tessera is ready" "$log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "npm start exited early:"; tail -50 "$log"; exit 1; fi
  sleep 1
done
grep -q "Tessera is ready" "$log" || { echo "npm start not ready after 300 s:"; tail -50 "$log"; exit 1; }
grep "Tessera is ready" "$log"

grep -q "Development tokens" "$log" || { echo "npm start printed no development tokens"; exit 1; }
query='{ searchSubjects(name: "Penelope Ashworth") { nodes { id records { agency localId } policeEvents { area occurredAt kind } healthEvents { occurredAt kind } careEvents { occurredAt kind } riskAssessment { level } } } }'
body=$(node -e 'console.log(JSON.stringify({query: process.argv[1]}))' "$query")
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$body")
[ "$status" = 401 ] || { echo "a request without a token got HTTP $status, not 401"; exit 1; }
echo "no token: HTTP 401"
token=$(npm run -s token -- --agency police --role officer --area EVP --purpose safeguarding)
answer=$(curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H "authorization: Bearer $token" -d "$body")
node -e '
  const a = JSON.parse(process.argv[1]);
  if (a.errors) { console.error(JSON.stringify(a.errors)); process.exit(1); }
  const p = a.data.searchSubjects.nodes[0];
  const forces = new Set(p.policeEvents.map((e) => e.area));
  const ok = forces.size >= 2 && p.healthEvents.length > 0 && p.careEvents.length > 0 && p.riskAssessment.level === "HIGH";
  console.log(`Penelope Ashworth: ${p.policeEvents.length} police events in ${[...forces].join(", ")}, ${p.healthEvents.length} health, ${p.careEvents.length} care; risk ${p.riskAssessment.level}`);
  process.exit(ok ? 0 : 1);
' "$answer"

# What an analyst and an orchestrator meet: the explorer's page, and every subgraph ready.
curl -sf "http://127.0.0.1:$port/" | grep -q "<title>Tessera explorer</title>" || { echo "the explorer's page at / did not load"; exit 1; }
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "the gateway's /ready did not answer 200:"; curl -s "http://127.0.0.1:$port/ready"; exit 1; }
echo "explorer at /: served; /ready: every subgraph answers"

kill -INT -- "-$pid"
for _ in $(seq 1 30); do pgrep -g "$pid" >/dev/null || break; sleep 1; done
if pgrep -g "$pid" >/dev/null; then echo "npm start did not stop on SIGINT:"; pgrep -ag "$pid"; exit 1; fi
trap - EXIT
cleanup
echo "stopped cleanly"
