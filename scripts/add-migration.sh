#!/usr/bin/env bash
# Adds a migration for both database providers: ./scripts/add-migration.sh AddOrders
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Bridgeline --context "${provider}BridgelineDb" \
    --output-dir "Data/Migrations/$provider" --namespace "Bridgeline.Data.Migrations.$provider"
  # The EF tools place the model snapshot by namespace; keep it beside its migrations.
  if [ -d "src/Bridgeline/Bridgeline/Data/Migrations/$provider" ]; then
    mv src/Bridgeline/Bridgeline/Data/Migrations/$provider/*.cs "src/Bridgeline/Data/Migrations/$provider/"
  fi
done
rm -rf src/Bridgeline/Bridgeline src/Bridgeline/design.db
