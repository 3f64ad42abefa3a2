#!/usr/bin/env bash
# Adds an EF Core migration to one store for both providers, from the store's current model:
#   scripts/add-migration.sh <scheduler|hub|identity> <Name>
# Each provider has its own migrations project (docs/stores.md); this runs dotnet-ef (the local
# tool in .config/dotnet-tools.json) once per project. Review both generated migrations.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [[ $# -ne 2 ]]; then
  echo "usage: scripts/add-migration.sh <scheduler|hub|identity> <MigrationName>" >&2
  exit 2
fi
case "$1" in
  scheduler) store=Scheduler ;;
  hub) store=Hub ;;
  identity) store=Identity ;;
  *) echo "unknown store '$1' (scheduler, hub or identity)" >&2; exit 2 ;;
esac
name="$2"
if [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "the migration name is a PascalCase identifier, e.g. AddDistricts" >&2
  exit 2
fi

dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="src/$store/Classroom.$store.Migrations.$provider"
  echo "== $project: $name"
  dotnet build "$project" -nologo -v quiet
  dotnet tool run dotnet-ef migrations add "$name" --no-build --project "$project" --output-dir Migrations
done
