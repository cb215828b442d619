"""The few files the pages take from npm packages (settings.NODE_STATIC_FILES), found where npm installed them.

A whole package's dist folder is mostly files no page links (design-tokens ships every theme as CSS, JS, JSON and
TypeScript: 13 MB); collecting, hashing and compressing them all made collectstatic take minutes. Only the files
named here are served in development and collected for production.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning
from django.core.files.storage import FileSystemStorage


class NodeModulesFinder(BaseFinder):
    def _files(self) -> dict[str, Path]:
        return {name: Path(source) for name, source in settings.NODE_STATIC_FILES.items()}

    def check(self, **kwargs):
        missing = [str(source) for source in self._files().values() if not source.is_file()]
        if missing and settings.DEBUG:
            return [Warning(f"npm files not installed (npm ci): {', '.join(missing)}", id="zorgpact.W001")]
        return []

    def find(self, path, find_all=False, **kwargs):
        source = self._files().get(path)
        if source is None or not source.is_file():
            return [] if find_all or kwargs.get("all") else None
        return [str(source)] if find_all or kwargs.get("all") else str(source)

    def list(self, ignore_patterns):
        for name, source in self._files().items():
            if source.is_file():
                storage = FileSystemStorage(location=str(source.parent))
                storage.prefix = str(Path(name).parent)
                yield source.name, storage
