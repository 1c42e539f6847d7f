"""`manage.py add_material` and `import_materials`: a bad file exits non-zero, writes nothing."""

import pytest
from django.core.management import CommandError, call_command

from materials.models import Document, Extraction
from municipalities.tests.factories import MunicipalityFactory

from . import samples
from .conftest import stored_files

pytestmark = pytest.mark.django_db


def test_add_material_adds_a_document_with_its_text(tmp_path):
    tervo = MunicipalityFactory(code="844", name="Tervo")
    path = tmp_path / "tervo.pdf"
    path.write_bytes(samples.pdf_bytes(["Tervon työpajan yhteenveto", "Toinen sivu"]))
    call_command(
        "add_material",
        str(path),
        "--title",
        "Tervon työpaja",
        "--municipality",
        "844",
        "--kind",
        "workshop_summary",
        "--year",
        "2018",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    document = Document.objects.get()
    assert document.title_fi == "Tervon työpaja"
    assert list(document.municipalities.all()) == [tervo]
    assert document.extraction == Extraction.DONE
    assert document.pages.count() == 2


def test_add_material_exits_with_a_clear_message_on_a_bad_file(tmp_path, media_root):
    path = tmp_path / "login.pdf"
    path.write_bytes(samples.html_named_pdf())
    with pytest.raises(CommandError, match="web page"):
        call_command("add_material", str(path), "--title", "Kirjautuminen")
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_add_material_refuses_an_unknown_municipality(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(samples.pdf_bytes(["Teksti"]))
    with pytest.raises(CommandError, match="999"):
        call_command("add_material", str(path), "--title", "A", "--municipality", "999")
    assert not Document.objects.exists()


def _folder(tmp_path, *, bad: bool):
    (tmp_path / "a.pdf").write_bytes(samples.pdf_bytes(["Ensimmäinen"]))
    (tmp_path / "b.pdf").write_bytes(
        samples.truncated_pdf() if bad else samples.pdf_bytes(["Toinen"])
    )
    (tmp_path / "manifest.csv").write_text(
        "file,title,kind,year,municipalities\n"
        "a.pdf,Ensimmäinen,survey_report,2016,\n"
        "b.pdf,Toinen,background,2018,\n",
        encoding="utf-8",
    )
    return tmp_path


def test_a_folder_with_a_manifest_is_imported_in_one_go(tmp_path):
    (tmp_path / "in").mkdir()
    folder = _folder(tmp_path / "in", bad=False)
    call_command("import_materials", str(folder), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Document.objects.values_list("title_fi", "year")) == [
        ("Ensimmäinen", 2016),
        ("Toinen", 2018),
    ]


def test_one_bad_file_in_the_folder_imports_nothing(tmp_path, media_root):
    (tmp_path / "in").mkdir()
    folder = _folder(tmp_path / "in", bad=True)
    with pytest.raises(CommandError, match="b.pdf: The file is incomplete"):
        call_command("import_materials", str(folder))
    assert not Document.objects.exists()
    assert stored_files(media_root) == []
