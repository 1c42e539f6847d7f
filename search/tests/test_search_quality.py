"""Search finds what people mean: the judged sample queries reach the quality target.

Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI). The query
set, its judgments and how they were made: search/evaluation/queries.yaml.
"""

import pytest

from search.evaluation.runner import NDCG_TARGET, evaluate, failing_queries


@pytest.mark.django_db
def test_the_judged_sample_queries_reach_the_ndcg_target():
    result = evaluate(baseline=False)

    engine = result["backends"]["engine"]
    worst = "\n".join(
        f"  {q['ndcg_10']:.2f} {q['query']!r}: {q['top'][:3]}" for q in failing_queries(result)
    )
    assert engine["ndcg_10"] >= NDCG_TARGET, (
        f"mean nDCG@10 {engine['ndcg_10']:.3f} < {NDCG_TARGET} on {result['database']}; "
        f"queries below the target:\n{worst}"
    )
