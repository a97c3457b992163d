#!/usr/bin/env sh
# The unit tier with every backing service out of reach: each host, port and URL the code or the
# tests read points at a closed port (127.0.0.1:1), so a unit spec that touches the broker,
# PostgreSQL, Redis, SMTP or another service fails instead of quietly using a running one.
# The shared services stay up for everyone else; only this run's environment changes.
# Usage: scripts/test-unit-offline.sh [jest arguments]   (npm run test:unit:offline)
set -eu
closed=127.0.0.1:1
export KAFKA_BROKERS=$closed KAFKA_SECURE_BROKERS=$closed
export DATABASE_URL=postgres://offline@$closed/offline TEST_DATABASE_URL=postgres://offline@$closed/offline
export PGHOST=127.0.0.1 PGPORT=1 PGDATABASE=offline PGUSER=offline
export REDIS_URL=redis://$closed
export SMTP_URL=smtp://$closed
export INGEST_URL=http://$closed INDICATORS_URL=http://$closed GOALS_URL=http://$closed NOTIFICATIONS_URL=http://$closed
export PUBLIC_URL=http://$closed EVENT_SCHEMA_BASE_URL=http://$closed JOBINDSATS_BASE_URL=http://$closed
# Nothing may go out through a proxy either.
export HTTP_PROXY=http://$closed HTTPS_PROXY=http://$closed http_proxy=http://$closed https_proxy=http://$closed NO_PROXY= no_proxy=
export JEST_TIER=unit
exec npm run jest -- "$@"
