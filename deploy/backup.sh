#!/usr/bin/env bash
# Back up Fartgen: the PostgreSQL database (pg_dump, custom format), then the audio files.
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/app/media deploy/backup.sh /backups
#   DATABASE_URL=postgres://… AWS_STORAGE_BUCKET_NAME=fartgen-audio deploy/backup.sh /backups   (needs the aws CLI)
#
# Writes /backups/<UTC timestamp>/db.dump and media/ (a copy of the audio: the folder, or the bucket). The database
# goes first: a sound's file is written before its row, so every row in the dump already has its file when the
# copy starts. Do not run `manage.py purge` at the same time (it deletes files of rows the dump may hold).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
backups=${1:?usage: backup.sh BACKUP_DIR}
target="$backups/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target/media"
started_ms=$(( $(date +%s%N) / 1000000 ))

pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$target/db.dump"

if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  endpoint=()
  [ -n "${AWS_S3_ENDPOINT_URL:-}" ] && endpoint=(--endpoint-url "$AWS_S3_ENDPOINT_URL")
  aws s3 sync --only-show-errors "${endpoint[@]}" "s3://$AWS_STORAGE_BUCKET_NAME/sounds" "$target/media/sounds"
else
  : "${MEDIA_ROOT:?set MEDIA_ROOT (or AWS_STORAGE_BUCKET_NAME) to the audio to back up}"
  if [ -d "$MEDIA_ROOT/sounds" ]; then
    cp -a "$MEDIA_ROOT/sounds" "$target/media/"
  fi
fi

elapsed_ms=$(( $(date +%s%N) / 1000000 - started_ms ))
echo "backup $target: database $(du -h "$target/db.dump" | cut -f1), audio $(find "$target/media" -type f | wc -l)" \
  "files ($(du -sh "$target/media" | cut -f1)), ${elapsed_ms} ms"
