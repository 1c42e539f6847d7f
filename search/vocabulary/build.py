#!/usr/bin/env python3
"""Build vocabulary.json from the TSV sources in this directory.

    python search/vocabulary/build.py                 # validate and write vocabulary.json
    python search/vocabulary/build.py --check         # validate only, write nothing
    python search/vocabulary/build.py --yso yso-skos.ttl [--yso-match-only]
        # also merge a YSO SKOS dump (Turtle or N-Triples, optionally .gz)

Standard library only. See README.md for the file formats and LICENSE.md for the sources.
Exit status 1 when validation fails; nothing is written then.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = ("fi", "sv", "en")
KINDS = ("pref", "alt")
SAMPLE_CANDIDATES = (
    HERE.parent.parent.parent
    / "shared"
    / "data"
    / "pohjois-savo-sample.json",  # ../shared/data beside the checkout
    Path("/work/shared/data/pohjois-savo-sample.json"),
)

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OWL_DEPRECATED = "http://www.w3.org/2002/07/owl#deprecated"
P_PREF, P_ALT, P_HIDDEN, P_BROADER = (
    SKOS + "prefLabel",
    SKOS + "altLabel",
    SKOS + "hiddenLabel",
    SKOS + "broader",
)
C_CONCEPT = SKOS + "Concept"

LOCAL_SOURCE = {
    "name": "Sakke NGO-field thesaurus (hand-written, YSO-style)",
    "files": ["concepts.tsv", "colloquial.tsv", "needs.tsv"],
    "licence": "AGPL-3.0-or-later (the Sakke project licence); see LICENSE.md",
    "note": (
        "Written from general knowledge of Finnish and of the NGO field; "
        "not copied from YSO or Kotus."
    ),
}
WIKDICT_SOURCE = {
    "name": (
        "FreeDict+WikDict English-Finnish and Finnish-Swedish dictionaries "
        "(Wiktionary via DBnary), Debian packages dict-freedict-eng-fin, "
        "dict-freedict-fin-eng and dict-freedict-fin-swe 2022.12.07"
    ),
    "url": "https://www.wikdict.com/",
    "licence": "CC BY-SA 3.0",
    "files": ["wikdict.tsv"],
    "note": "Synonym groups derived by wikdict.py under the rules in its docstring.",
}
YSO_SOURCE = {
    "name": (
        "YSO - General Finnish Ontology (Yleinen suomalainen ontologia), "
        "National Library of Finland / Finto"
    ),
    "url": "https://finto.fi/yso/",
    "licence": "CC BY 4.0",
}


class Problems:
    def __init__(self):
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, msg):
        self.errors.append(msg)

    def warn(self, msg):
        self.warnings.append(msg)


def read_tsv(path: Path, columns: tuple[str, ...], problems: Problems):
    """Yield (line_number, dict) for each data row; '#' lines and blank lines are skipped."""
    with path.open(encoding="utf-8") as fh:
        header = None
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = tuple(c.strip() for c in cells)
                if header[: len(columns)] != columns:
                    problems.error(f"{path.name}:{n}: header {header} is not {columns}")
                    return
                continue
            cells += [""] * (len(columns) - len(cells))
            yield n, dict(zip(columns, (c.strip() for c in cells[: len(columns)]), strict=True))


# ---------------------------------------------------------------- local sources


def load_concepts(path: Path, problems: Problems):
    concepts: dict[str, dict] = {}
    order: list[str] = []
    for n, row in read_tsv(path, ("id", "lang", "kind", "label", "broader"), problems):
        cid, lang, kind, label, broader = (
            row["id"],
            row["lang"],
            row["kind"],
            row["label"],
            row["broader"],
        )
        where = f"{path.name}:{n}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", cid):
            problems.error(f"{where}: bad concept id {cid!r}")
            continue
        if lang not in LANGS:
            problems.error(f"{where}: lang {lang!r} not in {LANGS}")
            continue
        if kind not in KINDS:
            problems.error(f"{where}: kind {kind!r} not in {KINDS}")
            continue
        if not label:
            problems.error(f"{where}: empty label")
            continue
        if label != " ".join(label.split()):
            problems.error(f"{where}: label {label!r} has stray whitespace")
        c = concepts.get(cid)
        if c is None:
            c = concepts[cid] = {
                "labels": {lang: [] for lang in LANGS},
                "pref": {},
                "broader": None,
            }
            order.append(cid)
        if kind == "pref":
            if lang in c["pref"]:
                problems.error(f"{where}: second {lang} pref label for {cid}")
                continue
            c["pref"][lang] = label
            c["labels"][lang].insert(0, label)
        else:
            if broader:
                problems.error(f"{where}: broader is only allowed on pref rows")
            if label.casefold() in (x.casefold() for x in c["labels"][lang]):
                problems.warn(f"{where}: duplicate label {label!r} in {cid}")
                continue
            c["labels"][lang].append(label)
        if broader:
            if c["broader"] and c["broader"] != broader:
                problems.error(f"{where}: {cid} has two broader ids ({c['broader']}, {broader})")
            c["broader"] = broader
    for cid in order:
        c = concepts[cid]
        if "fi" not in c["pref"]:
            problems.error(f"{path.name}: concept {cid} has no fi pref label")
        for lang in LANGS:
            if c["labels"][lang] and lang not in c["pref"]:
                problems.error(
                    f"{path.name}: concept {cid} has {lang} alt labels but no {lang} pref label"
                )
    return concepts


def load_shared_labels(path: Path, problems: Problems):
    """Documented exceptions: a label allowed in several concepts.

    Key (lang, casefolded label) -> set of concept ids."""
    allowed = {}
    if not path.exists():
        return allowed
    for n, row in read_tsv(path, ("label", "lang", "concepts", "reason"), problems):
        if not row["reason"]:
            problems.error(f"{path.name}:{n}: a shared label needs a reason")
        allowed[(row["lang"], row["label"].casefold())] = {
            x.strip() for x in row["concepts"].split(",") if x.strip()
        }
    return allowed


def load_colloquial(path: Path, problems: Problems):
    table = {}
    for n, row in read_tsv(path, ("colloquial", "standard"), problems):
        form, std = row["colloquial"], row["standard"]
        if not form or not std:
            problems.error(f"{path.name}:{n}: empty form or standard")
            continue
        if form.casefold() == std.casefold():
            problems.error(f"{path.name}:{n}: {form!r} maps to itself")
            continue
        if form in table and table[form] != std:
            problems.error(f"{path.name}:{n}: {form!r} has two standards ({table[form]}, {std})")
            continue
        table[form] = std
    # no cycles (a -> b -> ... -> a)
    for start in table:
        seen, cur = {start}, table[start]
        while cur in table:
            if cur in seen:
                problems.error(f"{path.name}: cycle through {start!r}")
                break
            seen.add(cur)
            cur = table[cur]
    return table


def load_targets(problems: Problems, sample: Path | None):
    """The directory's topic and audience ids: from the sample dataset, else targets.txt."""
    candidates = [sample] if sample else list(SAMPLE_CANDIDATES)
    for p in candidates:
        if p and p.exists():
            data = json.loads(p.read_text(encoding="utf-8"))
            return {
                "topic": {t["id"] for t in data.get("topics", [])},
                "audience": {a["id"] for a in data.get("audiences", [])},
            }, str(p)
    targets = {"topic": set(), "audience": set()}
    path = HERE / "targets.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, tid = line.split("\t")[:2]
        if kind not in targets:
            problems.error(f"targets.txt: unknown kind {kind!r}")
            continue
        targets[kind].add(tid)
    return targets, str(path)


def load_needs(path: Path, targets, problems: Problems):
    needs: dict[str, list] = collections.OrderedDict()
    for n, row in read_tsv(path, ("word", "target_kind", "target_id", "weight"), problems):
        word, kind, tid = row["word"], row["target_kind"], row["target_id"]
        where = f"{path.name}:{n}"
        if not word:
            problems.error(f"{where}: empty word")
            continue
        if kind not in targets:
            problems.error(f"{where}: target_kind {kind!r} is not topic or audience")
            continue
        if tid not in targets[kind]:
            problems.error(f"{where}: {kind} id {tid!r} is not in the directory's {kind} list")
            continue
        try:
            weight = float(row["weight"])
        except ValueError:
            problems.error(f"{where}: weight {row['weight']!r} is not a number")
            continue
        if not 0.5 <= weight <= 1.0:
            problems.error(f"{where}: weight {weight} outside 0.5-1.0")
            continue
        entry = needs.setdefault(word, [])
        if any(e[0] == kind and e[1] == tid for e in entry):
            problems.error(f"{where}: {word!r} -> {kind} {tid} listed twice")
            continue
        entry.append([kind, tid, weight])
    return needs


# ---------------------------------------------------------------- RDF parsing

_NT_ESC = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.S)
_SIMPLE_ESC = {
    "t": "\t",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "f": "\f",
    '"': '"',
    "'": "'",
    "\\": "\\",
}


def _unescape(s: str) -> str:
    def sub(m):
        e = m.group(1)
        if e[0] in "uU":
            return chr(int(e[1:], 16))
        return _SIMPLE_ESC.get(e, e)

    return _NT_ESC.sub(sub, s) if "\\" in s else s


class Literal(tuple):
    """(text, lang) - lang '' when the literal has none."""

    __slots__ = ()

    def __new__(cls, text, lang=""):
        return super().__new__(cls, (text, lang))


_NT_LINE = re.compile(
    r"^\s*(<[^>]*>|_:\S+)\s+<([^>]*)>\s+"
    r'(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)\s*\.\s*$'
)


def _nt_object(tok: str):
    if tok.startswith("<"):
        return tok[1:-1]
    if tok.startswith("_:"):
        return tok
    m = re.match(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<[^>]*>)?$', tok, re.S)
    return Literal(_unescape(m.group(1)), (m.group(2) or "").lower())


def parse_ntriples(lines):
    """A simple line parser for N-Triples: one triple per line, comments and blank lines skipped."""
    for n, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = _NT_LINE.match(s)
        if not m:
            raise ValueError(f"N-Triples line {n} not understood: {s[:120]}")
        subj = m.group(1)
        yield (subj[1:-1] if subj.startswith("<") else subj), m.group(2), _nt_object(m.group(3))


_TTL_TOKEN = re.compile(
    r'''(?P<ws>\s+|\#[^\n]*)
      | (?P<iri><[^>\s]*>)
      | (?P<lstr>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')
      | (?P<str>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<dt>\^\^)
      | (?P<punct>[.;,\[\]()])
      | (?P<bnode>_:[A-Za-z0-9_.-]*[A-Za-z0-9_-])
      | (?P<num>[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?)
      | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*|[A-Za-z][\w-]*)
    ''',
    re.X | re.S,
)


def _ttl_tokens(text: str):
    pos, end = 0, len(text)
    while pos < end:
        m = _TTL_TOKEN.match(text, pos)
        if not m:
            line = text.count("\n", 0, pos) + 1
            raise ValueError(f"Turtle: cannot read line {line}: {text[pos : pos + 60]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind != "ws":
            yield kind, m.group(kind)


def parse_turtle(text: str):
    """A small Turtle reader: prefixes, base, ; and , lists, 'a', literals with language tags
    and datatypes, blank-node property lists and collections.
    Enough for SKOS dumps such as YSO's."""
    prefixes: dict[str, str] = {}
    base = ""
    stream = _ttl_tokens(text)
    buf: collections.deque = collections.deque()
    bn = [0]
    out = []

    def new_bnode():
        bn[0] += 1
        return f"_:b{bn[0]}"

    def iri(value):
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or not base:
            return value
        return base + value

    def resolve(kind, val):
        if kind == "iri":
            return iri(_unescape(val[1:-1]))
        if kind == "pname":
            if val == "a":
                return RDF_TYPE
            if val in ("true", "false"):
                return Literal(val)
            pfx, _, local = val.partition(":")
            if pfx not in prefixes:
                raise ValueError(f"Turtle: unknown prefix {pfx!r}")
            return prefixes[pfx] + re.sub(r"\\(.)", r"\1", local)
        if kind == "bnode":
            return val
        raise ValueError(f"Turtle: unexpected {val!r}")

    def peek():
        if not buf:
            buf.append(next(stream, (None, None)))
        return buf[0]

    def take():
        t = peek()
        buf.popleft()
        if t[0] is None:
            raise ValueError("Turtle: unexpected end of input")
        return t

    def expect(val):
        k, v = take()
        if v != val:
            raise ValueError(f"Turtle: expected {val!r}, found {v!r}")

    def obj():
        k, v = peek()
        if k in ("str", "lstr"):
            take()
            text_ = v[3:-3] if k == "lstr" else v[1:-1]
            text_ = _unescape(text_)
            lang = ""
            if peek()[0] == "lang":
                lang = take()[1][1:].lower()
            elif peek()[0] == "dt":
                take()
                take()  # the datatype IRI or pname
            return Literal(text_, lang)
        if k == "num":
            take()
            return Literal(v)
        if v == "[":
            take()
            node = new_bnode()
            if peek()[1] != "]":
                predicate_object_list(node)
            expect("]")
            return node
        if v == "(":
            take()
            node = new_bnode()
            while peek()[1] != ")":
                obj()
            expect(")")
            return node
        take()
        return resolve(k, v)

    def predicate_object_list(subj):
        while True:
            k, v = take()
            pred = resolve(k, v)
            while True:
                out.append((subj, pred, obj()))
                if peek()[1] == ",":
                    take()
                    continue
                break
            if peek()[1] == ";":
                while peek()[1] == ";":
                    take()
                if peek()[1] in (".", "]", None):
                    return
                continue
            return

    while peek()[0] is not None:
        k, v = peek()
        if v in ("@prefix", "@base") or (k == "pname" and v.upper() in ("PREFIX", "BASE")):
            take()
            directive = v.lstrip("@").upper()
            if directive == "PREFIX":
                pk, pv = take()
                ik, iv = take()
                prefixes[pv[:-1]] = iri(iv[1:-1])
            else:
                ik, iv = take()
                base = iv[1:-1]
            if v.startswith("@"):
                expect(".")
            continue
        if v == "[":
            subj = obj()
            if peek()[1] != ".":
                predicate_object_list(subj)
        else:
            take()
            subj = resolve(k, v)
            predicate_object_list(subj)
        expect(".")
        yield from out
        out.clear()


def read_rdf(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    name = path.name[:-3] if path.suffix == ".gz" else path.name
    with opener(path, "rt", encoding="utf-8") as fh:
        if name.endswith(".nt"):
            yield from parse_ntriples(fh)
            return
        text = fh.read()
    if name.endswith((".ttl", ".turtle")):
        yield from parse_turtle(text)
        return
    first = next(
        (ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")),
        "",
    )
    if first.lower().startswith(("@prefix", "prefix", "@base", "base")):
        yield from parse_turtle(text)
    else:
        yield from parse_ntriples(text.splitlines())


def yso_id(uri: str) -> str:
    tail = re.split(r"[/#]", uri.rstrip("/"))[-1]
    return "yso_" + re.sub(r"[^a-z0-9_]", "_", tail.lower())


def merge_yso(concepts, path: Path, match_only: bool, problems: Problems):
    """Merge a YSO SKOS dump. A YSO concept whose Finnish preferred label equals a local concept's
    Finnish label is folded into that concept (its labels become alt labels, its URI is kept under
    "yso"); the others are added as yso_pNNNN concepts unless match_only."""
    data = collections.defaultdict(
        lambda: {
            "pref": {},
            "alt": collections.defaultdict(list),
            "broader": [],
            "concept": False,
            "deprecated": False,
        }
    )
    for s, p, o in read_rdf(path):
        if p == RDF_TYPE and o == C_CONCEPT:
            data[s]["concept"] = True
        elif p == OWL_DEPRECATED and isinstance(o, Literal) and o[0] == "true":
            data[s]["deprecated"] = True
        elif p in (P_PREF, P_ALT, P_HIDDEN) and isinstance(o, Literal):
            text, lang = o
            lang = lang.split("-")[0]
            if lang not in LANGS or not text.strip():
                continue
            text = " ".join(text.split())
            if p == P_PREF:
                data[s]["pref"].setdefault(lang, text)
            else:
                data[s]["alt"][lang].append(text)
        elif p == P_BROADER and not isinstance(o, Literal):
            data[s]["broader"].append(o)
    any_typed = any(d["concept"] for d in data.values())
    live = {
        u: d
        for u, d in data.items()
        if (d["concept"] or not any_typed) and not d["deprecated"] and "fi" in d["pref"]
    }

    local_by_fi = {}
    for cid, c in concepts.items():
        for lab in c["labels"]["fi"]:
            local_by_fi.setdefault(lab.casefold(), cid)
    id_of = {}
    merged = added = 0
    for uri, d in live.items():
        target = local_by_fi.get(d["pref"]["fi"].casefold())
        if target:
            id_of[uri] = target
        elif not match_only:
            id_of[uri] = yso_id(uri)
    for uri, d in sorted(live.items()):
        cid = id_of.get(uri)
        if not cid:
            continue
        if cid not in concepts:
            concepts[cid] = {
                "labels": {lang: [] for lang in LANGS},
                "pref": {},
                "broader": None,
                "yso": uri,
            }
            added += 1
        else:
            concepts[cid].setdefault("yso", uri)
            merged += 1
        c = concepts[cid]
        for lang in LANGS:
            new = ([d["pref"][lang]] if lang in d["pref"] else []) + d["alt"].get(lang, [])
            for lab in new:
                if lab.casefold() not in (x.casefold() for x in c["labels"][lang]):
                    c["labels"][lang].append(lab)
            if lang in d["pref"] and lang not in c["pref"]:
                c["pref"][lang] = d["pref"][lang]
        if c["broader"] is None:
            for b in sorted(d["broader"]):
                if b in id_of and id_of[b] != cid:
                    c["broader"] = id_of[b]
                    break
    problems.warn(
        f"YSO: {len(live)} live concepts read, {merged} folded into local concepts, {added} added"
    )
    return {"merged": merged, "added": added}


# ---------------------------------------------------------------- validation and output


def load_wikdict(path: Path, problems: Problems) -> dict:
    """The derived synonym groups of wikdict.tsv, by id, shaped like concepts (no broader)."""
    concepts = {}
    for n, row in read_tsv(path, ("id", "fi", "sv", "en"), problems):
        labels = {lang: [lab for lab in row[lang].split("|") if lab] for lang in LANGS}
        if not re.fullmatch(r"wd\d{5}", row["id"]) or len(labels["fi"]) < 2:
            problems.error(f"{path.name}:{n}: malformed row {row['id']!r}")
            continue
        pref = {lang: labs[0] for lang, labs in labels.items() if labs}
        concepts[row["id"]] = {"labels": labels, "pref": pref, "broader": None}
    return concepts


def validate_concepts(concepts, allowed_shared, problems: Problems, yso_ids=frozenset()):
    for cid, c in concepts.items():
        b = c["broader"]
        if b is not None and b not in concepts:
            problems.error(f"concept {cid}: broader {b!r} does not exist")
        for lang, labs in c["labels"].items():
            for lab in labs:
                if not lab.strip():
                    problems.error(f"concept {cid}: empty {lang} label")
    # broader chains must end (no cycles)
    for cid in concepts:
        seen, cur = set(), cid
        while cur is not None:
            if cur in seen:
                problems.error(f"concept {cid}: broader cycle")
                break
            seen.add(cur)
            cur = concepts[cur]["broader"] if cur in concepts else None
    # one label, one concept - unless documented in shared_labels.tsv
    owners = collections.defaultdict(set)
    for cid, c in concepts.items():
        for lang, labs in c["labels"].items():
            for lab in labs:
                owners[(lang, lab.casefold())].add(cid)
    for key, ids in sorted(owners.items()):
        if len(ids) < 2:
            continue
        if key in allowed_shared and ids <= allowed_shared[key]:
            continue
        msg = f"label {key[1]!r} ({key[0]}) is in several concepts: {', '.join(sorted(ids))}"
        if all(i in yso_ids or i.startswith("yso_") for i in ids) or (ids & set(yso_ids)):
            problems.warn(msg + " (from YSO)")
        else:
            problems.error(msg + " - add it to shared_labels.tsv with a reason, or fix it")


def build(args) -> int:
    problems = Problems()
    concepts = load_concepts(HERE / "concepts.tsv", problems)
    allowed = load_shared_labels(HERE / "shared_labels.tsv", problems)
    colloquial = load_colloquial(HERE / "colloquial.tsv", problems)
    targets, targets_from = load_targets(problems, Path(args.sample) if args.sample else None)
    needs = load_needs(HERE / "needs.tsv", targets, problems)
    validate_concepts(concepts, allowed, problems)  # the hand-written part must be clean on its own

    sources = [dict(LOCAL_SOURCE)]
    derived = {}
    wikdict = HERE / "wikdict.tsv"
    if wikdict.exists() and not args.no_wikdict:
        # Derived groups may share labels with each other and with the hand-written
        # concepts (a word of several senses): the engine unites the groups of a word.
        derived = load_wikdict(wikdict, problems)
        sources.append(dict(WIKDICT_SOURCE, groups=len(derived)))

    if args.yso:
        stats = merge_yso(concepts, Path(args.yso), args.yso_match_only, problems)
        yso_touched = {cid for cid, c in concepts.items() if "yso" in c}
        yso_problems = Problems()
        validate_concepts(concepts, allowed, yso_problems, yso_ids=frozenset(yso_touched))
        problems.errors += yso_problems.errors
        if yso_problems.warnings:
            problems.warn(
                f"YSO: {len(yso_problems.warnings)} labels shared by several concepts "
                "after the merge "
                f"(YSO allows this; kept). First ones: " + "; ".join(yso_problems.warnings[:5])
            )
        sources.append(dict(YSO_SOURCE, file=Path(args.yso).name, **stats))

    all_labels = {
        lab.casefold() for c in concepts.values() for labs in c["labels"].values() for lab in labs
    }
    unknown = sorted(s for s in set(colloquial.values()) if s.casefold() not in all_labels)
    if unknown:
        problems.warn(
            f"colloquial.tsv: {len(unknown)} standard words are not concept labels "
            "(kept as plain rewrites): "
            + ", ".join(unknown[:12])
            + (" ..." if len(unknown) > 12 else "")
        )

    for w in problems.warnings:
        print("warning:", w, file=sys.stderr)
    if problems.errors:
        for e in problems.errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(problems.errors)} errors; nothing written", file=sys.stderr)
        return 1

    out = {
        "concepts": {
            cid: {
                k: v
                for k, v in (
                    ("labels", {lg: c["labels"][lg] for lg in LANGS}),
                    ("pref", {lg: c["pref"][lg] for lg in LANGS if lg in c["pref"]}),
                    ("broader", c["broader"]),
                    ("yso", c.get("yso")),
                )
                if not (k == "yso" and v is None)
            }
            for cid, c in sorted(concepts.items())
        },
        # The derived groups, compact (one "|"-joined string per language): parsing
        # 15,000 of them as concept objects cost the first search in a process ~0.6 s.
        "derived": ["\t".join("|".join(c["labels"][lg]) for lg in LANGS) for c in derived.values()],
        "colloquial": dict(sorted(colloquial.items())),
        "needs": dict(sorted(needs.items())),
        "sources": sources,
    }
    n_labels = sum(len(labs) for c in concepts.values() for labs in c["labels"].values())
    n_labels += sum(len(labs) for c in derived.values() for labs in c["labels"].values())
    summary = (
        f"{len(concepts)} concepts, {len(derived)} derived groups, {n_labels} labels, "
        f"{len(colloquial)} colloquial forms, "
        f"{len(needs)} need words ({sum(len(v) for v in needs.values())} mappings; "
        f"targets from {targets_from})"
    )
    if args.check:
        print("ok:", summary)
        return 0
    target = Path(args.output) if args.output else HERE / "vocabulary.json"
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}: {summary}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--yso", metavar="PATH", help="YSO SKOS dump to merge (.ttl, .nt, optionally .gz)"
    )
    ap.add_argument(
        "--yso-match-only",
        action="store_true",
        help="only enrich local concepts whose Finnish label matches a YSO preferred label;"
        " add no new concepts",
    )
    ap.add_argument(
        "--sample",
        metavar="PATH",
        help="dataset JSON with the topic and audience ids"
        " (default: ../shared/data/pohjois-savo-sample.json, else targets.txt)",
    )
    ap.add_argument(
        "--output", metavar="PATH", help="where to write (default: vocabulary.json here)"
    )
    ap.add_argument(
        "--no-wikdict", action="store_true", help="leave out wikdict.tsv (hand-written only)"
    )
    ap.add_argument("--check", action="store_true", help="validate only")
    return build(ap.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
