#!/bin/sh
# Runs once, when the db container first initialises its volume (as the
# image's superuser). Two roles: psw_owner owns the database and runs the
# migrations; psw_app is what web, worker and beat connect as. psw_app gets
# its privileges from `manage.py grant_app_role psw_app`, which the migrate
# service runs after every migrate: INSERT and SELECT only on the audit trail.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v owner_password="$PSW_OWNER_PASSWORD" -v app_password="$PSW_APP_PASSWORD" <<'SQL'
CREATE ROLE psw_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE psw_app LOGIN PASSWORD :'app_password';
ALTER DATABASE psw OWNER TO psw_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
