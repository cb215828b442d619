#!/usr/bin/env bash
# make restore BACKUP=var/backups/<time>: put the database and the media files back from a backup.
set -euo pipefail
cd "$(dirname "$0")/.."
backup="${1:?usage: restore.sh <backup folder>}"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
media="${MEDIA_ROOT:-var/media}"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$backup/db.dump"
if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
  "${PYTHON:-.venv/bin/python}" manage.py media_archive restore "$backup/media.tar.gz" >/dev/null
else
  mkdir -p "$media"
  tar -xzf "$backup/media.tar.gz" -C "$media"
fi
echo "restored $backup"
