"""Run the judged queries through the search engine and the baseline, and score them."""

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection

from search.backends import ranked_as_of

from .baseline import baseline_available, baseline_search
from .corpus import sample_path
from .judging import HERE, load_judgments, load_queries
from .metrics import capped_recall_at_k, mean, ndcg_at_k, recall_at_k

NDCG_TARGET = 0.85
DEPTH = 20  # results fetched per query: recall@20 needs twenty
#: The judgments take the sample's events (2 January to 22 December 2027) as upcoming,
#: and the engine ranks past events last: queries are ranked as of this day, before
#: the first of them, whatever the calendar says when the evaluation runs.
JUDGED_AS_OF = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@dataclass
class QueryScore:
    query_id: str
    query: str
    ndcg_10: float
    recall_20: float
    capped_recall_20: float
    relevant: int
    top: list[str] = field(default_factory=list)  # the first ten public ids
    milliseconds: float = 0.0
    category: str = ""


@dataclass
class BackendScore:
    name: str
    queries: list[QueryScore]

    @property
    def ndcg_10(self) -> float:
        return mean([q.ndcg_10 for q in self.queries])

    @property
    def recall_20(self) -> float:
        return mean([q.recall_20 for q in self.queries])

    @property
    def capped_recall_20(self) -> float:
        return mean([q.capped_recall_20 for q in self.queries])

    def summary(self) -> dict:
        return {
            "ndcg_10": round(self.ndcg_10, 4),
            "recall_20": round(self.recall_20, 4),
            "capped_recall_20": round(self.capped_recall_20, 4),
            "queries": len(self.queries),
        }


def ensure_sample_imported() -> bool:
    """Import the sample dataset unless every one of its objects is already there."""
    from activities.models import Activity
    from datasets.services import dataset_import
    from events.models import Event
    from organizations.models import Organization
    from places.models import Place

    data = json.loads(sample_path().read_text(encoding="utf-8"))
    prefix = f"{data['data_source']}:"
    present = {
        "organizations": Organization.objects.filter(public_id__startswith=prefix).count(),
        "events": Event.objects.filter(public_id__startswith=prefix).count(),
        "activities": Activity.objects.filter(public_id__startswith=prefix).count(),
        "places": Place.objects.filter(public_id__startswith=prefix).count(),
    }
    if all(present[kind] == len(data[kind]) for kind in present):
        return False
    dataset_import(data=data)
    return True


def engine_search(query: str, params: dict) -> list[str]:
    from search.services import search

    results = search(query, limit=DEPTH, **params)
    return [hit.public_id for hit in results.hits]


#: The project's own judged queries (rules in queries.yaml), the independent set written
#: blind by an assessor who saw neither the engine, its vocabulary nor its results, and
#: the development set (rules in dev-queries.yaml, judged when run) to develop against.
JUDGMENT_SETS = ("judged", "blind", "dev")
BLIND_JUDGMENTS = HERE / "blind-judgments.json"
DEV_QUERIES = HERE / "dev-queries.yaml"


def judged_queries(judgment_set: str = "judged") -> list[dict]:
    """Each query of a set: its id, text, parameters, category and graded judgments."""
    if judgment_set == "blind":
        queries = json.loads(BLIND_JUDGMENTS.read_text(encoding="utf-8"))["queries"]
        return [
            {"id": key, "query": q["query"], "params": {}, "category": q["category"],
             "judgments": q["judgments"]}
            for key, q in queries.items()
        ]  # fmt: skip
    if judgment_set == "dev":
        return dev_queries()
    if judgment_set != "judged":
        raise ValueError(f"unknown judgment set {judgment_set!r}: one of {JUDGMENT_SETS}")
    judged = load_judgments()["queries"]
    return [
        {**query, "category": query.get("category", ""),
         "judgments": judged[query["id"]]["judgments"]}
        for query in load_queries()
    ]  # fmt: skip


def dev_queries() -> list[dict]:
    """The development set, its rules judged over the sample file as it is run."""
    from .corpus import load_documents
    from .judging import judge_query

    data = json.loads(sample_path().read_text(encoding="utf-8"))
    codes = {m["name"]["fi"]: m["code"] for m in data["municipalities"]}
    documents = load_documents()
    return [
        {"id": q["id"], "query": q["query"], "params": q.get("params") or {},
         "category": q.get("category", ""),
         "judgments": judge_query(q, documents, codes, data["data_source"])}
        for q in load_queries(DEV_QUERIES)
    ]  # fmt: skip


def score_backend(
    name: str, run: Callable[[str, dict], list[str]], judgment_set: str = "judged"
) -> BackendScore:
    scores = []
    for query in judged_queries(judgment_set):
        judgments = query["judgments"]
        started = time.perf_counter()
        ranked = run(query["query"], query.get("params") or {})
        elapsed = (time.perf_counter() - started) * 1000
        scores.append(
            QueryScore(
                query_id=query["id"],
                query=query["query"],
                ndcg_10=ndcg_at_k(ranked, judgments, 10),
                recall_20=recall_at_k(ranked, judgments, 20),
                capped_recall_20=capped_recall_at_k(ranked, judgments, 20),
                relevant=len(judgments),
                top=ranked[:10],
                milliseconds=round(elapsed, 2),
                category=query["category"],
            )
        )
    return BackendScore(name=name, queries=scores)


def evaluate(*, rebuild: bool = True, baseline: bool = True, judgment_set: str = "judged") -> dict:
    """Import the sample if needed, rebuild the index, score the engine (and the baseline)."""
    from search.index import rebuild_search_index

    imported = ensure_sample_imported()
    started = time.perf_counter()
    if rebuild:
        rebuild_search_index()
    index_seconds = time.perf_counter() - started
    with ranked_as_of(JUDGED_AS_OF):
        backends = [score_backend("engine", engine_search, judgment_set)]
    baseline_note = None
    if baseline and baseline_available():
        backends.append(
            score_backend("baseline", lambda q, _params: baseline_search(q), judgment_set)
        )
    else:
        baseline_note = "The full-text baseline needs PostgreSQL; not run on this database."
    return {
        "judgment_set": judgment_set,
        "database": connection.vendor,
        "imported_sample": imported,
        "index_seconds": round(index_seconds, 3),
        "target_ndcg_10": NDCG_TARGET,
        "baseline_note": baseline_note,
        "backends": {b.name: b.summary() for b in backends},
        "categories": {b.name: by_category(b) for b in backends},
        "queries": {b.name: [asdict(q) for q in b.queries] for b in backends},
        "_scores": backends,
    }


def by_category(backend: BackendScore) -> dict[str, dict]:
    """Mean nDCG@10 and the number of queries in each category of the set."""
    groups: dict[str, list[QueryScore]] = {}
    for q in backend.queries:
        groups.setdefault(q.category or "all", []).append(q)
    return {
        name: {"ndcg_10": round(mean([q.ndcg_10 for q in rows]), 4), "queries": len(rows)}
        for name, rows in sorted(groups.items())
    }


def failing_queries(result: dict, *, threshold: float = NDCG_TARGET) -> list[dict]:
    """The engine's queries below the target, worst first."""
    rows = [q for q in result["queries"]["engine"] if q["ndcg_10"] < threshold]
    return sorted(rows, key=lambda q: q["ndcg_10"])


def format_table(result: dict) -> str:
    backends: list[BackendScore] = result["_scores"]
    names = [b.name for b in backends]
    header = f"{'query':40} {'rel':>4} " + " ".join(
        f"{n + ' nDCG@10':>16} {n + ' R@20':>13}" for n in names
    )
    lines = [header, "-" * len(header)]
    for rows in zip(*[b.queries for b in backends], strict=True):
        first = rows[0]
        cells = " ".join(f"{r.ndcg_10:16.3f} {r.recall_20:13.3f}" for r in rows)
        lines.append(f"{first.query[:40]:40} {first.relevant:4} {cells}")
    lines.append("-" * len(header))
    cells = " ".join(f"{b.ndcg_10:16.3f} {b.recall_20:13.3f}" for b in backends)
    lines.append(f"{'mean':40} {'':4} {cells}")
    lines.append(
        f"Database {result['database']}; index rebuilt in {result['index_seconds']:.2f} s; "
        f"target mean nDCG@10 ≥ {NDCG_TARGET}."
    )
    if result["baseline_note"]:
        lines.append(result["baseline_note"])
    return "\n".join(lines)


def to_json(result: dict) -> str:
    return json.dumps({k: v for k, v in result.items() if not k.startswith("_")}, indent=1,
                      ensure_ascii=False)  # fmt: skip
