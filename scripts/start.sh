#!/usr/bin/env bash
# Set up everything and start Lotsen on the embedded default: console chat, SQLite, demo organisation.
# Extra arguments go to `lotsen console` (e.g. --som ec.maria).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
ensure_venv ""
export LOTSEN_DATABASE_URL="${LOTSEN_DATABASE_URL:-sqlite:///$(pwd)/.lotsen/demo.db}"
exec .venv/bin/lotsen console "$@"
