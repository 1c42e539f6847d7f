"""Adding documents from files on disk: `manage.py add_material` and a folder with a CSV
manifest (`manage.py import_materials`). All or nothing: every file is checked and every
row validated before the first is written, and one transaction writes them all.

Command-line access is trusted like the dataset importer's: these write as the
coordinator's organisation unless a row names a publisher.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from core.writes import content_write
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

from . import services
from .files import inspect_upload
from .models import Document, Kind, Language, Licence

MANIFEST_COLUMNS = {"file", "title", "kind", "year", "language", "municipalities", "topics"}
MANIFEST_COLUMNS |= {"description", "publisher", "licence", "id"}


@dataclass
class Entry:
    path: Path
    title: str
    kind: str = Kind.BACKGROUND
    year: int | None = None
    language: str = Language.FINNISH
    municipalities: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    description: str = ""
    #: The public id of the publishing association; empty: the coordinator's organisation.
    publisher: str = ""
    licence: str = Licence.CC_BY
    #: A public id to keep (the demo's); empty: a new sakke:<n>.
    public_id: str = ""


def _problems(entry: Entry) -> tuple[list[str], dict]:
    """What is wrong with one entry, and the rows it names."""
    problems, found = [], {}
    if not entry.path.is_file():
        problems.append(_("%(file)s: no such file.") % {"file": entry.path})
    if not entry.title.strip():
        problems.append(_("%(file)s: the title is missing.") % {"file": entry.path.name})
    if entry.kind not in Kind.values:
        problems.append(
            _("%(file)s: unknown kind %(kind)s; use one of %(kinds)s.")
            % {"file": entry.path.name, "kind": entry.kind, "kinds": ", ".join(Kind.values)}
        )
    if entry.language not in Language.values:
        problems.append(
            _("%(file)s: unknown language %(language)s.")
            % {"file": entry.path.name, "language": entry.language}
        )
    if entry.licence not in Licence.values:
        problems.append(_("%(file)s: unknown licence.") % {"file": entry.path.name})
    municipalities = list(Municipality.objects.filter(code__in=entry.municipalities))
    missing = set(entry.municipalities) - {m.code for m in municipalities}
    if missing:
        problems.append(
            _("%(file)s: no municipality with the code %(codes)s.")
            % {"file": entry.path.name, "codes": ", ".join(sorted(missing))}
        )
    topics = list(Topic.objects.filter(slug__in=entry.topics))
    missing = set(entry.topics) - {t.slug for t in topics}
    if missing:
        problems.append(
            _("%(file)s: no topic %(topics)s.")
            % {"file": entry.path.name, "topics": ", ".join(sorted(missing))}
        )
    publisher = None
    if entry.publisher:
        publisher = Organization.objects.filter(public_id=entry.publisher).first()
        if publisher is None:
            problems.append(
                _("%(file)s: no association %(id)s.")
                % {"file": entry.path.name, "id": entry.publisher}
            )
    found = {"municipalities": municipalities, "topics": topics, "publisher": publisher}
    return problems, found


def documents_import(entries: list[Entry]) -> list[Document]:
    """Check every entry and its file, then add them all in one transaction, or none."""
    problems, checked = [], []
    for entry in entries:
        entry_problems, found = _problems(entry)
        if not entry_problems:
            with open(entry.path, "rb") as f:
                try:
                    inspection = inspect_upload(File(f, name=entry.path.name))
                except ValidationError as error:
                    entry_problems = [
                        f"{entry.path.name}: {message}"
                        for message in error.message_dict.get("file", error.messages)
                    ]
        problems += entry_problems
        if not entry_problems:
            checked.append((entry, found, inspection))
    if problems:
        raise ValidationError(problems)
    documents = []
    with services.files_kept_on_success() as stored, content_write(None, _("Imported documents")):
        for entry, found, inspection in checked:
            document = Document(
                title_fi=entry.title.strip(),
                description_fi=entry.description,
                kind=entry.kind,
                year=entry.year,
                language=entry.language,
                licence=entry.licence,
                publisher_organization=found["publisher"],
            )
            services.reset_extraction(document, inspection)
            if entry.public_id:
                document.public_id = entry.public_id
                document.data_source = entry.public_id.split(":")[0]
                document.save()
            else:
                services.save_with_public_id(document)
            document.municipalities.set(found["municipalities"])
            document.topics.set(found["topics"])
            with open(entry.path, "rb") as f:
                services.store_version(
                    document, File(f, name=entry.path.name), inspection, None, stored
                )
            documents.append(document)
    return documents


def _list(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


def manifest_entries(folder: Path, manifest: Path | None = None) -> list[Entry]:
    """The entries of a folder's CSV manifest (manifest.csv by default; see docs)."""
    manifest = manifest or folder / "manifest.csv"
    if not manifest.is_file():
        raise ValidationError(_("No manifest %(path)s.") % {"path": manifest})
    with open(manifest, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        unknown = set(reader.fieldnames or ()) - MANIFEST_COLUMNS
        if unknown or not {"file", "title"} <= set(reader.fieldnames or ()):
            raise ValidationError(
                _("The manifest needs the columns file and title, and may have %(columns)s.")
                % {"columns": ", ".join(sorted(MANIFEST_COLUMNS))}
            )
        rows = list(reader)
    entries, problems = [], []
    for number, row in enumerate(rows, start=2):
        year = (row.get("year") or "").strip()
        if year and not year.isdigit():
            problems.append(_("Line %(line)d: the year is not a number.") % {"line": number})
            continue
        entries.append(
            Entry(
                path=folder / (row.get("file") or "").strip(),
                title=row.get("title") or "",
                kind=(row.get("kind") or Kind.BACKGROUND).strip(),
                year=int(year) if year else None,
                language=(row.get("language") or Language.FINNISH).strip(),
                municipalities=_list(row.get("municipalities")),
                topics=_list(row.get("topics")),
                description=row.get("description") or "",
                publisher=(row.get("publisher") or "").strip(),
                licence=(row.get("licence") or Licence.CC_BY).strip(),
                public_id=(row.get("id") or "").strip(),
            )
        )
    if problems:
        raise ValidationError(problems)
    return entries


def extract_now(documents: list[Document]) -> None:
    """Extract the text at once (commands and the demo), not in the worker."""
    for document in documents:
        services.document_extract(document)
