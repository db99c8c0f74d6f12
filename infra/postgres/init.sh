#!/usr/bin/env bash
# docker-entrypoint-initdb.d hook of the Postgres container: applies init.sql to the platform database and
# gives each service role the password from its environment variable. `make prod-check` runs it outside the
# container, pointing PLATFORM_INIT_SQL at the repo's init.sql.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-course_platform}" -f "${PLATFORM_INIT_SQL:-/platform/init.sql}"
for service in videos courses users; do
  var="$(echo "$service" | tr a-z A-Z)_DB_PASSWORD"
  password="${!var:?$var must be set}"
  # From standard input: psql substitutes its variables (quoted safely) there, never in a -c command.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-course_platform}" \
    -v role="${service}_service" -v password="$password" <<'SQL'
ALTER ROLE :"role" PASSWORD :'password';
SQL
done
