"""Files of the storage (reports, uploads) into one tar.gz and back, through Django's storage API.

So a backup covers the files wherever they are: local MEDIA_ROOT or an S3 bucket (bin/backup.sh, bin/restore.sh).
"""

import io
import tarfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


def _walk(storage, folder: str = ""):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)


class Command(BaseCommand):
    help = "create ARCHIVE: every stored file into a tar.gz; restore ARCHIVE: put them back (same names)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "restore"])
        parser.add_argument("archive")

    def handle(self, *args, action: str, archive: str, **options):
        if action == "create":
            count = 0
            with tarfile.open(archive, "w:gz") as tar:
                for name in _walk(default_storage):
                    with default_storage.open(name, "rb") as f:
                        data = f.read()
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    tar.addfile(info, io.BytesIO(data))
                    count += 1
            self.stdout.write(f"{count} file(s) into {archive}")
            return
        count = 0
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
                    continue  # only plain files with plain relative names
                name = member.name.removeprefix("./")
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(tar.extractfile(member).read()))
                if saved != name:
                    raise CommandError(f"stored as {saved}, not {name}")
                count += 1
        self.stdout.write(f"{count} file(s) restored from {archive}")
