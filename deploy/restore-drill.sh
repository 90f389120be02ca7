#!/usr/bin/env bash
# Restore drill: restore a backup made by deploy/backup.sh into a fresh, throwaway database and a scratch audio
# folder, then check that every sound row still has its audio (manage.py check_audio). Exit status 0 only if so.
#
#   DATABASE_URL=postgres://postgres@db:5432/fartgen deploy/restore-drill.sh /backups/20261202T180000Z
#
# DATABASE_URL names the server to restore on (a role that may create databases); the database in it is left alone:
# the drill creates fartgen_drill_<time>, and drops it afterwards (KEEP_DRILL_DB=1 keeps it for a look).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to a server where the drill may create a database}"
backup=${1:?usage: restore-drill.sh BACKUP_DIR}
python=${PYTHON:-python}
cd "$(dirname "$0")/.."

server_url=${DATABASE_URL%/*}
drill_db="fartgen_drill_$(date -u +%Y%m%d%H%M%S)"
drill_url="$server_url/$drill_db"
media=$(mktemp -d)
cleanup() {
  rm -rf "$media"
  if [ -z "${KEEP_DRILL_DB:-}" ]; then psql -q --dbname="$server_url/postgres" -c "DROP DATABASE IF EXISTS $drill_db"; fi
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
started=$(now_ms)
psql -q --dbname="$server_url/postgres" -c "CREATE DATABASE $drill_db"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$drill_url" "$backup/db.dump"
restored_db=$(now_ms)
cp -a "$backup/media/." "$media/"
restored_media=$(now_ms)

# The restored schema must be the one this code expects, and every row must have its audio.
export DATABASE_URL="$drill_url" MEDIA_ROOT="$media" AWS_STORAGE_BUCKET_NAME=""
"$python" manage.py migrate --check >/dev/null || { echo "restore drill: the restored schema lacks migrations" >&2; exit 1; }
"$python" manage.py check_audio
done_at=$(now_ms)
echo "restore drill passed: database restored in $((restored_db - started)) ms," \
  "audio copied in $((restored_media - restored_db)) ms, $((done_at - started)) ms in all"
