#!/usr/bin/env bash
# make backup: the PostgreSQL database (pg_dump, custom format) and the media files (local, or the S3 bucket), into var/backups/<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in postgres*) ;; *) echo "backup needs PostgreSQL (DATABASE_URL=postgres://…)" >&2; exit 2;; esac
target="${1:-var/backups/$(date +%Y%m%dT%H%M%S)}"
media="${MEDIA_ROOT:-var/media}"
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$target/db.dump"
if [ -n "${AWS_STORAGE_BUCKET_NAME:-}" ]; then  # files in an S3 bucket: read through the storage API
  "${PYTHON:-.venv/bin/python}" manage.py media_archive create "$target/media.tar.gz" >/dev/null
elif [ -d "$media" ]; then tar -czf "$target/media.tar.gz" -C "$media" .; else tar -czf "$target/media.tar.gz" -T /dev/null; fi
echo "$target"
