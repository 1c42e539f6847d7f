"""Ranking metrics over graded judgments ({public_id: grade}, unjudged = 0)."""

import math
from collections.abc import Mapping, Sequence


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain: the gain at rank i (from 1) divided by log2(i + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at_k(ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with the grades as gains; the ideal ranking is the judgments sorted by grade.

    A query without any relevant object scores 1.0 for an empty result and 0.0 otherwise
    would be arbitrary, so it is an error: every query in the set must have one.
    """
    ideal = dcg(sorted((g for g in judgments.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        raise ValueError("nDCG is undefined for a query without relevant objects")
    return dcg([judgments.get(public_id, 0) for public_id in ranked[:k]]) / ideal


def recall_at_k(
    ranked: Sequence[str], judgments: Mapping[str, int], k: int = 20, *, min_grade: int = 1
) -> float:
    """The share of all relevant objects (grade ≥ min_grade) found in the first k."""
    relevant = {public_id for public_id, grade in judgments.items() if grade >= min_grade}
    if not relevant:
        raise ValueError("recall is undefined for a query without relevant objects")
    return len(relevant & set(ranked[:k])) / len(relevant)


def capped_recall_at_k(
    ranked: Sequence[str], judgments: Mapping[str, int], k: int = 20, *, min_grade: int = 1
) -> float:
    """Recall with the denominator capped at k, so that 1.0 is reachable when many are
    relevant: the share of the first k places filled with relevant objects, or of all
    relevant objects when there are fewer than k."""
    relevant = {public_id for public_id, grade in judgments.items() if grade >= min_grade}
    if not relevant:
        raise ValueError("recall is undefined for a query without relevant objects")
    return len(relevant & set(ranked[:k])) / min(len(relevant), k)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
