#!/usr/bin/env bash
# `make bench`: the directory benchmark (docs/benchmarks.md, "Directory").
#
#  1. recreates the PostgreSQL database sakke_bench, migrates it, loads reference data;
#  2. fills it with 100,000 organizations and 1,000,000 events (bench/generate.py, COPY);
#  3. serves it with gunicorn as in production and times the hot pages and API calls
#     (bench/measure.py, sequential requests to 127.0.0.1 only);
#  4. times `manage.py import_dataset` of the sample file into fresh databases
#     (PostgreSQL and SQLite; bench/import_rate.py);
#  5. rewrites its own section of docs/benchmarks.md (bench/report.py).
# The programme, search and newsletter benchmarks each add and rewrite their own sections.
#
# Environment knobs: BENCH_PG (server URL), BENCH_DB, BENCH_ORGANIZATIONS, BENCH_EVENTS,
# BENCH_PLACES, BENCH_REQUESTS, BENCH_WARMUP, BENCH_BUDGET (seconds per measured request
# kind), BENCH_REUSE_DB=1 (keep the generated data), BENCH_SKIP_SEARCH=1 (leave out the
# search benchmark, whose index build over a million events takes many minutes),
# BENCH_SEARCH_REUSE_INDEX=1 (time the search index already in BENCH_DB, not rebuilt).
# A part whose code is missing is reported as not measured and makes the run fail,
# after the other parts have run and the report is written.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-sakke_bench}
IMPORT_DB=${DB}_import
OUT=bench/out
SAMPLE=${BENCH_SAMPLE:-../shared/data/pohjois-savo-sample.json}
[ -f "$SAMPLE" ] || SAMPLE=/work/shared/data/pohjois-savo-sample.json
mkdir -p "$OUT"
rm -rf "$OUT"/*.json "$OUT"/explain-*.txt "$OUT"/broker

export DATABASE_URL="$PG/$DB"
export SECRET_KEY="bench-only-not-a-secret-$(date +%s)"
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=60 LOG_LEVEL=WARNING
export STATIC_ROOT="$PWD/$OUT/staticfiles"
# The import queues a search-index task; its message goes to a broker folder of its own.
export CELERY_BROKER_FOLDER="$PWD/$OUT/broker"
failed=()

say() { printf '\n== %s\n' "$*"; }
psql_admin() { psql "$PG/postgres" -v ON_ERROR_STOP=1 -qAt "$@"; }
has_command() { "$PY" manage.py help "$1" >/dev/null 2>&1; }

recreate_db() {
  psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  DATABASE_URL="$PG/$1" "$PY" manage.py migrate --noinput --verbosity 0
}

command -v psql >/dev/null || { echo "bench: psql is needed (PostgreSQL client)"; exit 1; }
psql_admin -c "SELECT 1" >/dev/null || { echo "bench: cannot reach PostgreSQL at $PG"; exit 1; }

# 1–2. Data ------------------------------------------------------------------------
if [ "${BENCH_REUSE_DB:-0}" = 1 ] && psql "$PG/$DB" -qAt -c "SELECT 1 FROM events_event LIMIT 1" \
    2>/dev/null | grep -q 1; then
  say "Reusing the data in $DB (BENCH_REUSE_DB=1)"
  DATABASE_URL="$PG/$DB" "$PY" manage.py migrate --noinput --verbosity 0
  # New indexes need statistics, and index-only scans a fresh visibility map.
  psql "$PG/$DB" -qAt -c "VACUUM ANALYZE" >/dev/null
else
  say "Creating $DB"
  recreate_db "$DB"
  if has_command load_reference_data; then
    DATABASE_URL="$PG/$DB" "$PY" manage.py load_reference_data --verbosity 0
  else
    echo "manage.py load_reference_data does not exist yet: the generator inserts the 19 municipalities"
  fi
  say "Generating data (bench/generate.py)"
  "$PY" bench/generate.py --organizations "${BENCH_ORGANIZATIONS:-100000}" \
    --events "${BENCH_EVENTS:-1000000}" --places "${BENCH_PLACES:-5000}" \
    --summary "$OUT/generate.json"
fi
psql "$PG/$DB" -qAt -F ' ' -c "SELECT 'organizations', count(*) FROM organizations_organization
  UNION ALL SELECT 'events', count(*) FROM events_event
  UNION ALL SELECT 'places', count(*) FROM places_place
  UNION ALL SELECT 'database_bytes', pg_database_size(current_database())" >"$OUT/sizes.txt"

# 3. HTTP latency -------------------------------------------------------------------
say "Serving $DB with gunicorn"
"$PY" manage.py collectstatic --noinput --verbosity 0
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
GUNICORN_PID=
stop_gunicorn() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    for _ in $(seq 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
  fi
  GUNICORN_PID=
}
trap stop_gunicorn EXIT
trap 'stop_gunicorn; exit 130' INT TERM
.venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$PORT" --timeout 60 \
  --error-logfile "$OUT/gunicorn.log" &
GUNICORN_PID=$!
ready=0
for _ in $(seq 100); do  # up to 20 s
  # Any HTTP answer, even a 404, means the server is up.
  if "$PY" -c "import sys, urllib.error as e, urllib.request as r
try: r.urlopen('http://127.0.0.1:$PORT/api/v1/event/?page_size=1', timeout=5)
except e.HTTPError: pass" 2>/dev/null; then
    ready=1; break
  fi
  kill -0 "$GUNICORN_PID" 2>/dev/null || break
  sleep 0.2
done
if [ "$ready" = 1 ]; then
  say "Measuring latency (bench/measure.py)"
  "$PY" bench/measure.py --base "http://127.0.0.1:$PORT" --out "$OUT/http.json" \
    --requests "${BENCH_REQUESTS:-300}" --warmup "${BENCH_WARMUP:-30}" \
    --budget "${BENCH_BUDGET:-90}" || failed+=(latency)
else
  echo "bench: gunicorn did not start; see $OUT/gunicorn.log"; tail -20 "$OUT/gunicorn.log" || true
  failed+=(gunicorn)
fi
stop_gunicorn

# 4. Import rate --------------------------------------------------------------------
if has_command import_dataset; then
  say "Import rate: PostgreSQL ($IMPORT_DB)"
  recreate_db "$IMPORT_DB"
  DATABASE_URL="$PG/$IMPORT_DB" "$PY" bench/import_rate.py "$SAMPLE" \
    --label postgresql --out "$OUT/import-postgresql.json" || failed+=(import-postgresql)
  psql_admin -c "DROP DATABASE IF EXISTS $IMPORT_DB WITH (FORCE)"
  say "Import rate: SQLite"
  SQLITE="$PWD/$OUT/import.sqlite3"
  rm -f "$SQLITE" "$SQLITE"-wal "$SQLITE"-shm
  DATABASE_URL="sqlite:///$SQLITE" "$PY" manage.py migrate --noinput --verbosity 0
  DATABASE_URL="sqlite:///$SQLITE" "$PY" bench/import_rate.py "$SAMPLE" \
    --label sqlite --out "$OUT/import-sqlite.json" || failed+=(import-sqlite)
  rm -f "$SQLITE" "$SQLITE"-wal "$SQLITE"-shm
else
  echo "bench: manage.py import_dataset does not exist yet: import rate not measured"
  failed+=(import)
fi

# Programme dashboard (bench/programme_bench.py) --------------------------------------------
# Owned by the programme benchmark: adds a programme with commitments and indicator history
# beside the generated associations and events in $DB, times its dashboard in-process and
# rewrites its section of docs/benchmarks.md (target: p95 under 100 ms).
say "Programme dashboard on $DB"
DATABASE_URL="$PG/$DB" "$PY" bench/programme_bench.py --out "$OUT/programme.json" \
  --doc docs/benchmarks.md || failed+=(programme)
# /Programme dashboard -----------------------------------------------------------------------

# Search (bench/search_bench.py) -------------------------------------------------------
# Owned by the search benchmark; kept before the report so that its failures count in the
# exit status. Latency and index build time on $DB (in-process, and over HTTP if
# /api/v1/search/ exists), then nDCG@10/recall@20 on fresh small databases with the sample.
if [ "${BENCH_SKIP_SEARCH:-0}" = 1 ]; then
  echo "bench: search skipped (BENCH_SKIP_SEARCH=1); its section of docs/benchmarks.md is unchanged"
elif has_command evaluate_search; then
  say "Search: index build and latency on $DB"
  PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DATABASE_URL="$PG/$DB" .venv/bin/gunicorn config.wsgi --workers 2 --bind "127.0.0.1:$PORT" \
    --timeout 60 --error-logfile "$OUT/gunicorn-search.log" &
  GUNICORN_PID=$!
  SEARCH_BASE=()
  for _ in $(seq 100); do
    if "$PY" -c "import urllib.error as e, urllib.request as r
try: r.urlopen('http://127.0.0.1:$PORT/api/v1/', timeout=5)
except e.HTTPError: pass" 2>/dev/null; then SEARCH_BASE=(--base "http://127.0.0.1:$PORT"); break; fi
    sleep 0.2
  done
  REUSE_INDEX=()
  [ "${BENCH_SEARCH_REUSE_INDEX:-0}" = 1 ] && REUSE_INDEX=(--reuse-index)
  DATABASE_URL="$PG/$DB" "$PY" bench/search_bench.py latency --out "$OUT/search-latency.json" \
    "${SEARCH_BASE[@]}" "${REUSE_INDEX[@]}" || failed+=(search-latency)
  stop_gunicorn
  SEARCH_DB=${DB}_search_eval
  say "Search: quality on PostgreSQL ($SEARCH_DB)"
  recreate_db "$SEARCH_DB"
  DATABASE_URL="$PG/$SEARCH_DB" "$PY" manage.py evaluate_search \
    --json "$OUT/search-eval-postgresql.json" || failed+=(search-eval-postgresql)
  psql_admin -c "DROP DATABASE IF EXISTS $SEARCH_DB WITH (FORCE)"
  say "Search: quality on SQLite"
  SQLITE="$PWD/$OUT/search-eval.sqlite3"
  rm -f "$SQLITE" "$SQLITE"-wal "$SQLITE"-shm
  DATABASE_URL="sqlite:///$SQLITE" "$PY" manage.py migrate --noinput --verbosity 0
  DATABASE_URL="sqlite:///$SQLITE" "$PY" manage.py evaluate_search \
    --json "$OUT/search-eval-sqlite.json" || failed+=(search-eval-sqlite)
  rm -f "$SQLITE" "$SQLITE"-wal "$SQLITE"-shm
  "$PY" bench/search_bench.py report --out-dir "$OUT" --doc docs/benchmarks.md \
    || failed+=(search-targets)
else
  echo "bench: manage.py evaluate_search does not exist yet: search not measured"
  failed+=(search)
fi
# /Search ---------------------------------------------------------------------------------

# Newsletter (bench/newsletter_bench.py) ----------------------------------------------------
# Owned by the newsletter benchmark: one personalised issue to BENCH_NEWSLETTER_SUBSCRIBERS
# (50,000) subscribers into a local aiosmtpd sink, 1 and 2 workers beside a plain smtplib
# loop, on a database of its own; rewrites its section of docs/benchmarks.md.
NEWSLETTER_DB=${DB}_newsletter
say "Newsletter: sending rate ($NEWSLETTER_DB)"
psql_admin -c "DROP DATABASE IF EXISTS $NEWSLETTER_DB WITH (FORCE)" -c "CREATE DATABASE $NEWSLETTER_DB"
DATABASE_URL="$PG/$NEWSLETTER_DB" "$PY" bench/newsletter_bench.py \
  --subscribers "${BENCH_NEWSLETTER_SUBSCRIBERS:-50000}" --out "$OUT/newsletter.json" \
  --doc docs/benchmarks.md || failed+=(newsletter)
psql_admin -c "DROP DATABASE IF EXISTS $NEWSLETTER_DB WITH (FORCE)"
# /Newsletter -------------------------------------------------------------------------------

# Materials (bench/materials_bench.py) ------------------------------------------------------
# Owned by the materials benchmark: text extraction of a 200-page PDF in the worker's
# limited child process, pages per second and the child's peak memory; rewrites its
# section of docs/benchmarks.md. Needs no database.
say "Materials: extraction of a ${BENCH_MATERIALS_PAGES:-200}-page PDF"
"$PY" bench/materials_bench.py --pages "${BENCH_MATERIALS_PAGES:-200}" --runs 3 \
  --out "$OUT/materials.json" --doc docs/benchmarks.md || failed+=(materials)
# /Materials --------------------------------------------------------------------------------
# NGO survey (bench/survey_bench.py) --------------------------------------------------------
# A results page over 5,000 responses in three rounds, on a database of its own; rewrites
# its section of docs/benchmarks.md (target: p95 under 100 ms).
SURVEY_DB=${DB}_survey
say "Survey: results page ($SURVEY_DB)"
recreate_db "$SURVEY_DB"
DATABASE_URL="$PG/$SURVEY_DB" ALLOWED_HOSTS=127.0.0.1,testserver "$PY" bench/survey_bench.py \
  --out "$OUT/survey.json" --doc docs/benchmarks.md || failed+=(survey)
psql_admin -c "DROP DATABASE IF EXISTS $SURVEY_DB WITH (FORCE)"
# /NGO survey -------------------------------------------------------------------------------
# Calendar feeds (bench/calendar_bench.py) -------------------------------------------------
# One poll of BENCH_CALENDAR_SOURCES (500) iCalendar feeds served by a local HTTP server,
# plus one that never answers; rewrites its section of docs/benchmarks.md.
CALENDAR_DB=${DB}_calendar
say "Calendar feeds: one poll ($CALENDAR_DB)"
psql_admin -c "DROP DATABASE IF EXISTS $CALENDAR_DB WITH (FORCE)" -c "CREATE DATABASE $CALENDAR_DB"
DATABASE_URL="$PG/$CALENDAR_DB" "$PY" bench/calendar_bench.py \
  --sources "${BENCH_CALENDAR_SOURCES:-500}" --out "$OUT/calendar.json" \
  --doc docs/benchmarks.md || failed+=(calendar)
psql_admin -c "DROP DATABASE IF EXISTS $CALENDAR_DB WITH (FORCE)"
# /Calendar feeds ---------------------------------------------------------------------------

# Load (bench/load_run.py) -------------------------------------------------------------
# Only with BENCH_LOAD=1 (or run `make load-test`, which also installs locust): 200 Locust
# users against two gunicorn nodes behind haproxy, on the PostgreSQL cluster LOAD_PG (its
# own, port 5433 by default: docs/deployment.md) with its own Redis on port 6390; rewrites
# its section of docs/benchmarks.md.
if [ "${BENCH_LOAD:-0}" = 1 ]; then
  say "Load: ${LOAD_USERS:-200} users on two web nodes"
  "$PY" bench/load_run.py --pg "${LOAD_PG:-postgres://postgres@127.0.0.1:5433}" \
    --users "${LOAD_USERS:-200}" --run-time "${LOAD_TIME:-3m}" || failed+=(load)
fi
# /Load ---------------------------------------------------------------------------------

# 5. Report -------------------------------------------------------------------------
say "Writing docs/benchmarks.md"
"$PY" bench/report.py --out-dir "$OUT" --doc docs/benchmarks.md --failed "${failed[*]:-}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: not measured or broken: ${failed[*]}" >&2
  exit 1
fi
