"""Search finds what people mean, on judged query sets over the sample dataset.

Runs on whichever database the suite runs on (SQLite and PostgreSQL in CI).
- The project's own set: rules in search/evaluation/queries.yaml; target nDCG@10 0.90.
- The independent set (search/evaluation/blind-judgments.json), written blind by an
  assessor who saw neither the engine, its vocabulary nor its results. Its target in
  issue 14 is 0.85; the engine does not reach it yet (docs/search.md), so this asserts
  the level reached, to catch a regression, not the goal.
- The development set (rules in search/evaluation/dev-queries.yaml): the level reached.
"""

import pytest

from search.evaluation.runner import evaluate, failing_queries

OWN_TARGET = 0.90
#: Reached on 8 December 2026 (session meaning3): 0.758 on SQLite, 0.759 on PostgreSQL
#: (docs/search.md); 0.753 earlier that day, 0.740 the day before, before the learned
#: topics 0.685, before the vocabulary 0.574.
BLIND_FLOOR = 0.755
#: The development set (search/evaluation/dev-queries.yaml, 66 queries since meaning3):
#: 0.664 on SQLite, 0.653 on PostgreSQL (0.620 and 0.610 before that session's changes).
DEV_FLOOR = 0.65


def _worst(result, threshold):
    return "\n".join(
        f"  {q['ndcg_10']:.2f} {q['query']!r}: {q['top'][:3]}"
        for q in failing_queries(result, threshold=threshold)[:15]
    )


@pytest.mark.django_db
def test_the_judged_query_sets_reach_their_levels():
    own = evaluate(baseline=False)
    blind = evaluate(baseline=False, rebuild=False, judgment_set="blind")
    dev = evaluate(baseline=False, rebuild=False, judgment_set="dev")

    own_score = own["backends"]["engine"]["ndcg_10"]
    blind_score = blind["backends"]["engine"]["ndcg_10"]
    dev_score = dev["backends"]["engine"]["ndcg_10"]
    assert own_score >= OWN_TARGET, (
        f"own set: mean nDCG@10 {own_score:.3f} < {OWN_TARGET} on {own['database']}; "
        f"queries below:\n{_worst(own, OWN_TARGET)}"
    )
    assert blind_score >= BLIND_FLOOR, (
        f"blind set: mean nDCG@10 {blind_score:.3f} < {BLIND_FLOOR} on {blind['database']}; "
        f"worst queries:\n{_worst(blind, 0.3)}"
    )
    assert dev_score >= DEV_FLOOR, (
        f"development set: mean nDCG@10 {dev_score:.3f} < {DEV_FLOOR} on {dev['database']}; "
        f"worst queries:\n{_worst(dev, 0.3)}"
    )
