"""search/vocabulary/wikdict.py: Wiktionary's translation tables to groups of equivalents."""

import gzip
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "vocabulary" / "wikdict.py"
_spec = importlib.util.spec_from_file_location("wikdict", SCRIPT)
wikdict = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wikdict)


def _b64(n: int) -> str:
    digits = ""
    while True:
        digits = wikdict.B64[n % 64] + digits
        n //= 64
        if not n:
            return digits


def write_dictd(directory: Path, name: str, entries: dict[str, str]) -> None:
    """A dictd dictionary as FreeDict ships it: name.index and a gzipped name.dict.dz."""
    data, index = b"", []
    for headword, text in entries.items():
        chunk = text.encode("utf-8")
        index.append(f"{headword}\t{_b64(len(data))}\t{_b64(len(chunk))}")
        data += chunk
    (directory / f"{name}.dict.dz").write_bytes(gzip.compress(data))
    (directory / f"{name}.index").write_text("\n".join(index) + "\n", encoding="utf-8")


@pytest.fixture
def groups(tmp_path, voikko):
    english = {
        "flea market": "flea market /fliː/ <n>\nkirpputori, kirppari, kirppis\nmarket\n",
        "carer": "carer /ˈkɛəɹə/ <n>\nhoitaja, omaishoitaja\nsomeone who looks after\n",
        "floorball": "floorball /ˈflɔːbɔːl/ <n>\nsalibandy\nhockey-like ball game\n",
        "ukrainian": "ukrainian /juːˈkreɪniən/ <adj>\nukraina, ukrainalainen\nof Ukraine\n",
        "in": "in /ɪn/ <preposition>\nsisällä, sisässä\ncontained by\n",
        "choir": (
            "choir /kwaɪə/ <n>\n1. kuori\npart of a church\n2. kuoro, kööri\nsinging group\n"
        ),
        "rugby": "rugby /ˈrʌɡbi/ <n>\nrugby, rugby\nball game\n",
    }
    # "talo" in four senses is polysemous: left out of every group.
    for word, other in [
        ("building", "rakennus"),
        ("house", "asumus"),
        ("home", "koti"),
        ("household", "talous"),
    ]:
        english[word] = f"{word} /x/ <n>\ntalo, {other}\nsense\n"
    write_dictd(tmp_path, "freedict-eng-fin", english)
    write_dictd(tmp_path, "freedict-fin-eng", {"sähly": "sähly /ˈsæhly/ <n>\nfloorball\nx\n"})
    write_dictd(
        tmp_path, "freedict-fin-swe", {"kuoro": "kuoro <n>\nkör\n", "kööri": "kööri <n>\nkör\n"}
    )
    rows, _stats = wikdict.derive(tmp_path)
    return {tuple(row["fi"]): row for row in rows}


def test_the_finnish_words_of_one_sense_are_a_group(groups):
    assert ("kirppari", "kirppis", "kirpputori") in groups
    assert groups[("kuoro", "kööri")]["en"] == ["choir"]


def test_a_swedish_word_shared_by_the_group_is_its_swedish_label(groups):
    assert groups[("kuoro", "kööri")]["sv"] == ["kör"]


def test_a_finnish_word_translated_by_a_one_sense_english_word_joins_its_group(groups):
    assert ("salibandy", "sähly") in groups


def test_a_compound_of_another_label_is_narrower_and_left_out(groups):
    assert not any("omaishoitaja" in labels for labels in groups)


def test_a_person_or_origin_beside_its_place_or_language_is_left_out(groups):
    assert not any("ukrainalainen" in labels for labels in groups)


def test_a_word_of_many_senses_and_the_translations_of_function_words_are_left_out(groups):
    assert not any("talo" in labels for labels in groups)
    assert not any("sisällä" in labels for labels in groups)


def test_the_script_writes_a_tsv_that_the_build_reads(tmp_path, groups):
    rows = [dict(row, id=f"wd{n:05d}") for n, row in enumerate(groups.values(), 1)]
    wikdict.write(rows, tmp_path / "wikdict.tsv")
    spec = importlib.util.spec_from_file_location("build", SCRIPT.with_name("build.py"))
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    problems = build.Problems()

    concepts = build.load_wikdict(tmp_path / "wikdict.tsv", problems)

    assert problems.errors == []
    assert {"kuoro", "kööri"} == set(
        next(c for c in concepts.values() if "kuoro" in c["labels"]["fi"])["labels"]["fi"]
    )
