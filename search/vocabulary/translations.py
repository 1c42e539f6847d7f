#!/usr/bin/env python3
"""Derive English and Swedish → Finnish word translations from WikDict (Wiktionary).

    apt-get download dict-freedict-eng-fin dict-freedict-fin-eng dict-freedict-fin-swe
    for f in dict-freedict-*.deb; do dpkg-deb -x "$f" /tmp/wikdict; done
    python search/vocabulary/translations.py /tmp/wikdict/usr/share/dictd  # translations.tsv

The same source as wikdict.py (FreeDict+WikDict eng-fin and fin-swe 2022.11.18, from
the English and Finnish Wiktionaries via DBnary, CC BY-SA 3.0; Debian packages
dict-freedict-eng-fin and dict-freedict-fin-swe 2022.12.07-2). The search uses these
only as a fallback, for a query word that neither the index, the vocabulary nor Voikko
knows ("lonely", "ensam"): the word's Finnish translations that the index has are its
weak synonyms (search/query.py). Rules:

1. English: a one-word English headword of a noun, adjective or verb sense; its
   translations are the Finnish words of the first sense of each of its parts of
   speech (Wiktionary lists the commonest sense first: "company" → kumppanuus, not
   yhtiö, komppania, palokunta).
2. Swedish: the Finnish–Swedish dictionary read backwards. A one-word Swedish
   translation of a Finnish headword's first sense (of each part of speech) maps to
   that headword ("ensam" ← yksinäinen, yksin); the headwords where it is the first
   translation come first.
3. Finnish words only: one word, known to Voikko; at most MAX_WORDS per English or
   Swedish word (a longer list is too loose to be a translation).

The output, translations.tsv (`lang`, `word`, `stem`: the word's Snowball stem, by which
the search finds an inflected form, `fi`: the Finnish words |-joined), is CC BY-SA 3.0
like its source (LICENSE.md). Needs libvoikko, the Finnish Voikko dictionary and
snowballstemmer (the project's environment has them).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import snowballstemmer
from wikdict import CONTENT_WORDS, LABEL, TRAILING_NUMBER, Finnish, dictd_arguments, read_dictd

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "translations.tsv"
MAX_WORDS = 4
HEADER = re.compile(r"<([^<>]+)>$")
NUMBER = re.compile(r"^\d+\.\s+")


def first_senses(lines: list[str], pos: tuple[str, ...] = CONTENT_WORDS) -> list[str]:
    """The translation line of the first sense after each header of a wanted part of
    speech ("lonely /…/ <adj>" then "yksinäinen")."""
    found, expect = [], False
    for line in lines:
        header = HEADER.search(line)
        if header and ("/" in line or line.count(" ") < 6):
            expect = header.group(1) in pos
            continue
        if expect:
            found.append(TRAILING_NUMBER.sub("", NUMBER.sub("", line)).strip())
            expect = False
    return found


def _words(line: str) -> list[str]:
    items = [item.strip().casefold() for item in line.split(",")]
    return [w for w in items if w and " " not in w and "-" not in w and LABEL.match(w)]


def english(directory: Path, finnish: Finnish) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for headword, lines in read_dictd(directory, "freedict-eng-fin"):
        word = headword.casefold()
        if " " in word or not LABEL.match(word) or "-" in word:
            continue
        for line in first_senses(lines):
            for fi in _words(line):
                if finnish.known(fi) and fi not in found.setdefault(word, []):
                    found[word].append(fi)
    return {w: fi[:MAX_WORDS] for w, fi in found.items() if fi}


def swedish(directory: Path, finnish: Finnish) -> dict[str, list[str]]:
    first: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for headword, lines in read_dictd(directory, "freedict-fin-swe"):
        fi = headword.casefold()
        if " " in fi or "-" in fi or not LABEL.match(fi) or not finnish.known(fi):
            continue
        for line in first_senses(lines):
            for n, sv in enumerate(_words(line)):
                target = first if n == 0 else other
                if fi not in target.setdefault(sv, []):
                    target[sv].append(fi)
    found = {}
    for sv in sorted(set(first) | set(other)):
        words = list(dict.fromkeys([*first.get(sv, []), *other.get(sv, [])]))
        found[sv] = words[:MAX_WORDS]
    return found


def write(rows: dict[str, dict[str, list[str]]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(
            "# Derived by translations.py from FreeDict+WikDict eng-fin and fin-swe "
            "(Wiktionary), CC BY-SA 3.0: see LICENSE.md. Do not edit by hand.\n"
        )
        out.write("lang\tword\tstem\tfi\n")
        for lang, name in (("en", "english"), ("sv", "swedish")):
            stemmer = snowballstemmer.stemmer(name)
            for word, fi in sorted(rows[lang].items()):
                out.write(f"{lang}\t{word}\t{stemmer.stemWord(word)}\t{'|'.join(fi)}\n")


def main(argv=None) -> int:
    found = dictd_arguments(argv, __doc__, OUTPUT)
    if found is None:
        return 1
    directory, output = found
    finnish = Finnish()
    rows = {"en": english(directory, finnish), "sv": swedish(directory, finnish)}
    write(rows, output)
    print(f"wrote {output}: {len(rows['en'])} English, {len(rows['sv'])} Swedish words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
