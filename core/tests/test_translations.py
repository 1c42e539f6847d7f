"""The interface is complete in Finnish and Swedish, and the committed catalogues are current."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
msgfmt = shutil.which("msgfmt")


def untranslated_msgids(po_text: str) -> list[str]:
    """msgids whose msgstr (or every plural msgstr) is empty, the header excepted."""
    missing = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        if 'msgid ""\nmsgstr ""' in text and "msgctxt" not in text and "Content-Type" in text:
            continue  # the header
        msgid = next((line for line in lines if line.startswith("msgid ")), None)
        if msgid is None:
            continue
        strs = [i for i, line in enumerate(lines) if line.startswith("msgstr")]
        for i in strs:
            value = lines[i].split(" ", 1)[1]
            continued = i + 1 < len(lines) and lines[i + 1].startswith('"')
            if value == '""' and not continued:
                missing.append(msgid)
                break
    return missing


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_interface_string_is_translated(language):
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert untranslated_msgids(po) == []


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_committed_compiled_catalogue_matches_its_source(language, tmp_path):
    assert msgfmt, "gettext's msgfmt is needed (apt-get install gettext; .ci/run does)"
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", compiled, folder / "django.po"], check=True)
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), (
        "Run `make messages` and commit locale/."
    )


def test_an_empty_translation_is_noticed():
    po = 'msgid "Events"\nmsgstr ""\n\nmsgid "Map"\nmsgstr "Kartta"\n'
    assert untranslated_msgids(po) == ['msgid "Events"']
