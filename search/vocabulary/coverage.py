#!/usr/bin/env python3
"""List the field's words that the hand-written vocabulary does not cover.

    python search/vocabulary/coverage.py [--sample PATH] [--seeds DIR] [--top 400]

Reads the sample dataset's association names and descriptions, activities and events
(names, descriptions) and the seed texts, lemmatises every word with Voikko, keeps the
nouns, adjectives and verbs (Voikko's classes nimisana, laatusana, nimi_laatusana,
teonsana), and counts in how many records each lemma occurs. A lemma is covered when it
is a label (any language) of concepts.tsv, a colloquial or standard form of
colloquial.tsv, or a word of needs.tsv, or the Voikko lemma of a word of one of
those (the plural label "taimet" covers "taimi"), or when one of a compound's parts is, as Voikko
splits it (the engine matches parts). Prints the uncovered lemmas, most frequent first,
with their record counts, as TSV. This is the list the additions of issue 14 were
written from (README.md, "How the coverage additions were made"). Needs libvoikko.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import re
from pathlib import Path

import libvoikko

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent.parent.parent / "shared" / "data" / "pohjois-savo-sample.json"
SEEDS = HERE.parent.parent.parent / "shared" / "seeds"
CLASSES = {"nimisana", "laatusana", "nimi_laatusana", "teonsana"}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def covered_words() -> set[str]:
    words: set[str] = set()
    with open(HERE / "concepts.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            words.add(row["label"].casefold())
    with open(HERE / "colloquial.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            words.add(row["colloquial"].casefold())
            words.add(row["standard"].casefold())
    with open(HERE / "needs.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            words.add(row["word"].casefold())
    return words


def texts(sample: Path, seeds: Path):
    data = json.loads(sample.read_text(encoding="utf-8"))
    for kind in ("organizations", "activities", "events"):
        for item in data[kind]:
            parts = []
            for k in ("name", "short_description", "description"):
                v = item.get(k)
                if isinstance(v, dict):
                    v = v.get("fi") or ""
                parts.append(str(v or ""))
            yield " ".join(parts)
    if seeds.is_dir():
        for path in sorted(seeds.glob("*.txt")):
            yield path.read_text(encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path, default=SAMPLE)
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--top", type=int, default=400)
    args = ap.parse_args()
    voikko = libvoikko.Voikko("fi")
    known = covered_words()
    for label in list(known):
        for word in label.split():
            known.add(word)
            known.update(a.get("BASEFORM", "").casefold() for a in voikko.analyze(word))
    counts: collections.Counter[str] = collections.Counter()
    analyses: dict[str, list[tuple[str, str]]] = {}
    for text in texts(args.sample, args.seeds):
        seen: set[str] = set()
        for word in WORD.findall(text):
            if len(word) < 3 or word.isupper():
                continue
            key = word.casefold()
            if key not in analyses:
                analyses[key] = [
                    (a.get("BASEFORM", "").casefold(), a.get("WORDBASES", ""))
                    for a in voikko.analyze(word)
                    if a.get("CLASS") in CLASSES
                ]
            for lemma, bases in analyses[key][:1]:
                seen.add((lemma, bases))
        for item in seen:
            counts[item] += 1
    rows = []
    for (lemma, bases), n in counts.most_common():
        parts = re.findall(r"\(([^)]+)\)", bases)
        if lemma in known or any(p.casefold() in known for p in parts):
            continue
        rows.append((lemma, n))
    merged: collections.Counter[str] = collections.Counter()
    for lemma, n in rows:
        merged[lemma] += n
    print("lemma\trecords")
    for lemma, n in merged.most_common(args.top):
        print(f"{lemma}\t{n}")


if __name__ == "__main__":
    main()
