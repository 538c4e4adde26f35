#!/usr/bin/env bash
# Set up everything and run the whole test suite: lint, types, tests (PostgreSQL too when a server answers).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv "[dev]"

if [ -z "${LOTSEN_TEST_POSTGRES_URL:-}" ]; then
  candidate="postgresql://postgres@127.0.0.1:5432/postgres"
  if .venv/bin/python - "$candidate" <<'PY' 2>/dev/null; then
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=2).close()
PY
    export LOTSEN_TEST_POSTGRES_URL="$candidate"
  fi
fi
if [ -n "${LOTSEN_TEST_POSTGRES_URL:-}" ]; then
  echo "PostgreSQL: tests run on SQLite and on $LOTSEN_TEST_POSTGRES_URL" >&2
else
  echo "PostgreSQL: no server answered; storage tests run on SQLite only" >&2
fi

.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/lint-imports --no-cache
exec .venv/bin/pytest -n 2 -p no:cacheprovider "$@"
