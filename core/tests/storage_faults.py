"""A storage that refuses writes, as a full disk does: part of the file is written, then
OSError (ENOSPC). The fixture `refusing_storage` (conftest.py) gives it to a test."""

import errno
from pathlib import Path

from django.core.files.storage import FileSystemStorage


class RefusedWrites:
    def __init__(self, media: Path):
        self.media = media
        self.refusing = False

    def files(self) -> set[Path]:
        return {p for p in self.media.rglob("*") if p.is_file()} if self.media.exists() else set()


def refusing_storage(settings, tmp_path, monkeypatch) -> RefusedWrites:
    """MEDIA_ROOT in the test's folder; set `.refusing = True` to make the disk full."""
    settings.MEDIA_ROOT = tmp_path / "media"
    faults = RefusedWrites(Path(settings.MEDIA_ROOT))
    save = FileSystemStorage._save

    def save_or_refuse(self, name, content):
        if not faults.refusing:
            return save(self, name, content)
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        content.seek(0)
        path.write_bytes(content.read()[:100])  # the part that fitted
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", save_or_refuse)
    return faults
