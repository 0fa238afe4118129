#!/usr/bin/env bash
# Automating Omni Admin with nothing but `omni --json` and jq, branching on the exit codes:
#   0 ok · 1 usage/validation · 2 auth · 3 server/unreachable · 4 rate limited · 5 not found
# It sets up an instance, an agent and a chat, creates a route and tests it, merges two persons
# and revokes an API key.
#
#   OMNI_API_URL=http://localhost:3000 OMNI_API_KEY=omni_sk_… docs/cli-example.sh
#
# OMNI names the command (default: omni; e.g. OMNI="node bin/omni.mjs" inside the repo).
set -uo pipefail
read -r -a OMNI_CMD <<< "${OMNI:-omni}"
RUN_ID="$(date +%s)-$$"
ERR="$(mktemp)"
trap 'rm -f "$ERR"' EXIT

die() { echo "cli-example: $*" >&2; exit 1; }

# j ARGS… — runs `omni --json ARGS…`; prints its JSON on stdout. On failure, explains the exit code
# (the JSON error is on stderr: {"error": CODE, "detail": message}) and returns that code.
# Rate limited (4) is worth one more try after a pause; the CLI itself already retried.
j() {
  local out code
  for attempt in 1 2; do
    out="$("${OMNI_CMD[@]}" --json "$@" 2>"$ERR")"
    code=$?
    [[ $code -eq 4 && $attempt -eq 1 ]] && { echo "rate limited; waiting 10 s" >&2; sleep 10; continue; }
    break
  done
  if [[ $code -ne 0 ]]; then
    local detail
    detail="$(jq -r '.detail // empty' "$ERR" 2>/dev/null || cat "$ERR")"
    case $code in
      1) echo "omni $1 $2: refused input: $detail" >&2 ;;
      2) echo "omni $1 $2: not allowed (check OMNI_API_KEY / scopes): $detail" >&2 ;;
      3) echo "omni $1 $2: server error or unreachable: $detail" >&2 ;;
      4) echo "omni $1 $2: still rate limited: $detail" >&2 ;;
      5) echo "omni $1 $2: not found: $detail" >&2 ;;
      *) echo "omni $1 $2: exit $code: $detail" >&2 ;;
    esac
    return $code
  fi
  printf '%s\n' "$out"
}

# 0. Who am I? Stop early on a bad key (2) or a server that is down (3).
WHO="$(j auth status)" || case $? in
  2) die "the API key was refused: set OMNI_API_KEY (or run omni auth login)" ;;
  3) die "no server at ${OMNI_API_URL:-http://localhost:3000}" ;;
  *) die "auth status failed" ;;
esac
echo "signed in as $(jq -r .principal.name <<< "$WHO")"

# 1. An instance, an agent and a chat to route.
INSTANCE="$(j instances create --name "example-$RUN_ID" --channel whatsapp | jq -r .id)" || die "no instance"
AGENT="$(j agents create --name "example-agent-$RUN_ID" --provider openai --model gpt-4o-mini | jq -r .id)" || die "no agent"
CHAT="$(j chats create --instance "$INSTANCE" --external-id "5511999990000-$RUN_ID@c.us" --title "Example chat" | jq -r .id)" || die "no chat"

# 2. Create a route for the chat and test it: the chat route must win.
ROUTE="$(j routes create --instance "$INSTANCE" --scope chat --chat "$CHAT" --agent "$AGENT" \
  --priority 10 --label "example $RUN_ID" --no-stream --prefix-sender | jq -r .id)" || die "route not created"
echo "route $ROUTE created"
RESOLUTION="$(j routes test --instance "$INSTANCE" --chat "$CHAT")" || die "route test failed"
[[ "$(jq -r .source <<< "$RESOLUTION")" == chat && "$(jq -r .route.id <<< "$RESOLUTION")" == "$ROUTE" ]] \
  || die "expected route $ROUTE to answer, got: $(jq -c '{source, route: .route.id}' <<< "$RESOLUTION")"
echo "route test: $(jq -r .agent.name <<< "$RESOLUTION") answers the chat"

# 3. Two persons for the same customer, then merge the first into the second.
P1="$(j persons create --name "Ana (WhatsApp) $RUN_ID" --identity "$INSTANCE:ana-wa-$RUN_ID" | jq -r .id)" || die "person 1"
P2="$(j persons create --name "Ana Lima $RUN_ID" --identity "$INSTANCE:ana-tg-$RUN_ID:ana" | jq -r .id)" || die "person 2"
MERGE="$(j persons merge "$P1" "$P2" --reason "same customer")" || die "merge failed"
echo "merged: $(jq -r '.mergedIdentityIds | length' <<< "$MERGE") identity moved, audit event $(jq -r .auditEventId <<< "$MERGE")"
# the source person is gone: `get` must now exit 5 (not found)
j persons get "$P1" >/dev/null 2>&1
[[ $? -eq 5 ]] || die "person $P1 should be gone after the merge"
[[ "$(j persons get "$P2" | jq '.identities | length')" -eq 2 ]] || die "person $P2 should have both identities"

# 4. Issue a short-lived key, use it, revoke it: afterwards it must be refused (exit 2).
NEWKEY="$(j keys create --name "example-$RUN_ID" --scopes routes:read --expires 1h)" || die "key not created"
KEY_ID="$(jq -r .id <<< "$NEWKEY")"
OMNI_API_KEY="$(jq -r .key <<< "$NEWKEY")" j routes list --instance "$INSTANCE" >/dev/null || die "the new key should work"
j keys revoke "$KEY_ID" --reason "example finished" | jq -e '.status == "revoked"' >/dev/null || die "revoke failed"
OMNI_API_KEY="$(jq -r .key <<< "$NEWKEY")" j routes list >/dev/null 2>&1
[[ $? -eq 2 ]] || die "the revoked key should be refused"
echo "key $KEY_ID revoked and refused"

echo "done: route $ROUTE, person $P2, key $KEY_ID"
