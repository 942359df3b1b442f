#!/usr/bin/env bash
# Builds exchange-node, creates county node 320321 丰县 in ./data (LiteDB, no server), imports the
# sample catalogue and cases, verifies the ledger, and runs the agent until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/NodeAgent -c Release -o artifacts/exchange-node --nologo -v quiet
en() { dotnet artifacts/exchange-node/exchange-node.dll "$@"; }
export EXCHANGENODE_DATA="${EXCHANGENODE_DATA:-$PWD/data}"
if [ ! -f "$EXCHANGENODE_DATA/node.json" ]; then
  en init --code 320321 --name 丰县 --level county
fi
en power import samples/data/fengxian-powers.csv || true
en case import samples/data/fengxian-cases.jsonl || true
en ledger verify
echo
echo "Agent starting; in another terminal try: dotnet artifacts/exchange-node/exchange-node.dll power list --data $EXCHANGENODE_DATA"
exec dotnet artifacts/exchange-node/exchange-node.dll run
