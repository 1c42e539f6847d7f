"""Turn the written rules of queries.yaml into graded judgments over the sample dataset.

Each query lists grades (3 = exactly what was asked, 2 = clearly relevant, 1 = related,
worth showing lower down; anything else is 0). A grade has one or more `where` clauses,
and an object gets the highest grade with a clause it satisfies. The keys of a clause
all have to hold:

    kinds: [organization, event, activity, place]
    name: [regex, ...]        any of them matches a name (any language, lower case)
    text: [regex, ...]        any matches the names or descriptions (any language)
    not_name / not_text:      none of them matches
    municipalities: [Kuopio, ...]   the object is in (serves, happens in) any of them
    topics / audiences: [id, ...]   the object has any of them
    ids: [org-0001, ...]      exactly these objects

Regexes are written to match every inflection by reading the data (e.g. `jump` for
jumppa, jumpassa, tuolijumppaa). `overrides` then sets single objects' grades after
reading them, each with the reason. Regenerate and review with

    python -m search.evaluation.judging --write
    python -m search.evaluation.judging --review q07
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yaml"
JUDGMENTS = HERE / "judgments.json"
CLAUSE_KEYS = {
    "kinds", "name", "text", "not_name", "not_text", "municipalities", "topics", "audiences",
    "ids",
}  # fmt: skip


def load_queries(path: Path = QUERIES) -> list[dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def _matches(clause: dict, doc, municipality_codes: dict[str, str], source: str) -> bool:
    unknown = set(clause) - CLAUSE_KEYS
    if unknown:
        raise ValueError(f"unknown rule keys {sorted(unknown)}")
    if "kinds" in clause and doc.kind not in clause["kinds"]:
        return False
    if "ids" in clause and doc.public_id not in {f"{source}:{i}" for i in clause["ids"]}:
        return False
    if "name" in clause and not any(re.search(p, doc.names) for p in clause["name"]):
        return False
    if "text" in clause and not any(re.search(p, doc.text) for p in clause["text"]):
        return False
    if any(re.search(p, doc.names) for p in clause.get("not_name", [])):
        return False
    if any(re.search(p, doc.text) for p in clause.get("not_text", [])):
        return False
    if "municipalities" in clause:
        wanted = {municipality_codes.get(m, m) for m in clause["municipalities"]}
        if not wanted & doc.municipalities:
            return False
    if "topics" in clause and not set(clause["topics"]) & doc.topics:
        return False
    if "audiences" in clause and not set(clause["audiences"]) & doc.audiences:
        return False
    return True


def judge_query(query: dict, documents, municipality_codes, source: str) -> dict[str, int]:
    """The graded judgments of one query: {public_id: grade}, grade 1–3 only."""
    judged = {}
    for doc in documents:
        grade = 0
        for level in query.get("grades", []):
            clauses = level["where"] if isinstance(level["where"], list) else [level["where"]]
            if level["grade"] > grade and any(
                _matches(c, doc, municipality_codes, source) for c in clauses
            ):
                grade = level["grade"]
        if grade:
            judged[doc.public_id] = grade
    for object_id, (grade, _why) in (query.get("overrides") or {}).items():
        public_id = f"{source}:{object_id}"
        if grade:
            judged[public_id] = grade
        else:
            judged.pop(public_id, None)
    return judged


def build_judgments(dataset: Path | None = None) -> dict:
    from .corpus import load_documents, sample_path

    path = dataset or sample_path()
    raw = path.read_bytes()
    data = json.loads(raw)
    codes = {m["name"]["fi"]: m["code"] for m in data["municipalities"]}
    documents = load_documents(path)
    queries = load_queries()
    ids = [q["id"] for q in queries]
    if len(set(ids)) != len(ids):
        raise ValueError("query ids must be unique")
    return {
        "format": "sakke-search-judgments/1",
        "rules": "search/evaluation/queries.yaml",
        "dataset": {"file": path.name, "sha256": hashlib.sha256(raw).hexdigest()},
        "queries": {
            q["id"]: {
                "query": q["query"],
                "judgments": dict(
                    sorted(judge_query(q, documents, codes, data["data_source"]).items())
                ),
            }
            for q in queries
        },
    }


def load_judgments(path: Path = JUDGMENTS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def review(query_id: str) -> None:
    """Print a query's graded objects, best first, for a person to read."""
    from .corpus import load_documents

    judgments = build_judgments()["queries"][query_id]
    by_id = {d.public_id: d for d in load_documents()}
    print(f"{query_id}: {judgments['query']!r}, {len(judgments['judgments'])} judged")
    for public_id, grade in sorted(judgments["judgments"].items(), key=lambda i: -i[1]):
        doc = by_id[public_id]
        where = ",".join(sorted(doc.municipalities))[:24]
        print(f"  {grade}  {public_id:22} {doc.kind:12} {doc.title[:60]:60} [{where}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite judgments.json")
    parser.add_argument("--review", nargs="*", metavar="QUERY_ID")
    args = parser.parse_args()
    if args.review is not None:
        for query_id in args.review or load_queries_ids():
            review(query_id)
    if args.write:
        built = build_judgments()
        JUDGMENTS.write_text(json.dumps(built, ensure_ascii=False, indent=1) + "\n")
        counts = [len(q["judgments"]) for q in built["queries"].values()]
        print(f"Wrote {JUDGMENTS.name}: {len(counts)} queries, {sum(counts)} judgments")
    return 0


def load_queries_ids() -> list[str]:
    return [q["id"] for q in load_queries()]


if __name__ == "__main__":
    sys.exit(main())
