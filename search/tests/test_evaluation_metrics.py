"""The evaluation's metrics against cases computed by hand, and the judgments' integrity."""

import math

import pytest

from search.evaluation.judging import build_judgments, load_judgments, load_queries
from search.evaluation.metrics import capped_recall_at_k, dcg, ndcg_at_k, recall_at_k


def test_dcg_discounts_each_rank_by_log2_of_rank_plus_one():
    # 3/log2(2) + 2/log2(3) + 0 + 1/log2(5)
    assert dcg([3, 2, 0, 1]) == pytest.approx(3 + 2 / 1.5849625 + 1 / 2.3219281)


def test_ndcg_is_one_for_the_ideal_ranking():
    judgments = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at_k(["a", "b", "c"], judgments) == pytest.approx(1.0)


def test_ndcg_of_a_swapped_ranking_matches_the_hand_computation():
    judgments = {"a": 3, "b": 2, "c": 1}
    # Ranked c, a, x (unjudged), b: 1/1 + 3/log2(3) + 0 + 2/log2(5) = 3.754142
    # Ideal a, b, c:                3/1 + 2/log2(3) + 1/log2(4)     = 4.761860
    expected = (1 + 3 / math.log2(3) + 2 / math.log2(5)) / (3 + 2 / math.log2(3) + 0.5)
    assert expected == pytest.approx(0.78838, abs=1e-5)
    assert ndcg_at_k(["c", "a", "x", "b"], judgments) == pytest.approx(expected)


def test_ndcg_counts_only_the_first_k_results_and_the_best_k_judgments():
    judgments = {"a": 3, "b": 3, "c": 3}
    # k = 2: ranked x, a → (0 + 3/log2(3)) / (3 + 3/log2(3)) = 1.8928 / 4.8928
    assert ndcg_at_k(["x", "a", "b"], judgments, k=2) == pytest.approx(0.38685, abs=1e-5)


def test_ndcg_is_zero_when_nothing_relevant_is_found():
    assert ndcg_at_k(["x", "y"], {"a": 2}) == 0.0


def test_ndcg_refuses_a_query_without_relevant_objects():
    with pytest.raises(ValueError):
        ndcg_at_k(["x"], {})


def test_recall_is_the_share_of_relevant_objects_in_the_first_k():
    judgments = {"a": 3, "b": 1, "c": 2, "d": 1}
    assert recall_at_k(["a", "x", "d", "c", "b"], judgments, k=3) == pytest.approx(2 / 4)
    assert recall_at_k(["a", "x", "d", "c", "b"], judgments, k=3, min_grade=2) == 0.5


def test_capped_recall_divides_by_k_when_more_objects_are_relevant_than_k():
    judgments = {str(n): 1 for n in range(30)}
    ranked = [str(n) for n in range(20)]
    assert recall_at_k(ranked, judgments, k=20) == pytest.approx(20 / 30)
    assert capped_recall_at_k(ranked, judgments, k=20) == 1.0


def test_every_query_has_a_relevant_object_and_a_unique_id():
    judged = load_judgments()["queries"]
    ids = [q["id"] for q in load_queries()]
    assert len(ids) == len(set(ids)) == len(judged)
    assert all(any(g > 0 for g in judged[i]["judgments"].values()) for i in ids)


def test_the_checked_in_judgments_are_what_the_rules_give():
    # Regenerate with `python -m search.evaluation.judging --write` after editing the rules.
    assert build_judgments()["queries"] == load_judgments()["queries"]
