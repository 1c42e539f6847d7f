"""What a query is about, in the directory's own topics and audiences, learned from the index.

Each indexed entry carries words (its name and text) and the topics and audiences it
is filed under. From those, `TargetModel` counts for every term how many entries have
it and how many of them carry each topic or audience, and gives P(target | term),
smoothed towards the target's share of all entries. A query's words then predict the
targets it is about: each word by how much more often than usual its entries carry a
target, weighted by how rare the word is (idf), together with the hand-written need
words of the vocabulary (`needs.tsv`). Nothing is listed per region or per query: the
counts are those of whatever data is indexed.

The backends use the prediction as a soft boost, worth less than a word found in a
name, and, for a query that describes a need in a sentence, as an alternative to
matching every word (docs/search.md, "Described needs").
"""

import math
import time
from collections import Counter
from dataclasses import dataclass, field

#: Entries read to learn the associations: a bounded sample (the first by id) on a big
#: index, every entry of a small one.
MODEL_ENTRIES = 50_000
#: Pseudo-count of the smoothing towards a target's overall share.
SMOOTHING = 4.0
#: Terms in fewer entries than this say nothing reliable about a target.
MIN_ENTRIES = 2
#: The model is read again after this many seconds (a process keeps it meanwhile).
MODEL_SECONDS = 3600


@dataclass
class TargetModel:
    entries: int = 0
    #: {(kind, slug): entries carrying it}
    target_entries: dict = field(default_factory=dict)
    #: {term: entries with the term}
    term_entries: dict = field(default_factory=dict)
    #: {term: {(kind, slug): entries with the term carrying it}}
    term_targets: dict = field(default_factory=dict)

    def prior(self, key) -> float:
        return self.target_entries.get(key, 0) / self.entries if self.entries else 0.0

    def lift(self, term: str) -> tuple[float, dict]:
        """(idf of term, {target: P(target | term) - P(target)} where positive)."""
        n = self.term_entries.get(term, 0)
        if n < MIN_ENTRIES or not self.entries:
            return 0.0, {}
        idf = math.log(self.entries / n)
        gains = {}
        for key, count in self.term_targets.get(term, {}).items():
            prior = self.prior(key)
            p = (count + SMOOTHING * prior) / (n + SMOOTHING)
            if p > prior:
                gains[key] = p - prior
        return idf, gains


def _entry_targets(tag_terms: str, target_tags) -> set:
    tags = set(tag_terms.split())
    return {key for key, own in target_tags.items() if own & tags}


def build_model(rows, target_tags) -> TargetModel:
    """The counts of (name terms, body terms, tag terms) rows."""
    model = TargetModel()
    target_entries, term_entries = Counter(), Counter()
    term_targets: dict[str, Counter] = {}
    for name_terms, body_terms, tag_terms in rows:
        targets = _entry_targets(tag_terms or "", target_tags)
        terms = set((name_terms or "").split()) | set((body_terms or "").split())
        model.entries += 1
        target_entries.update(targets)
        term_entries.update(terms)
        if targets:
            for term in terms:
                term_targets.setdefault(term, Counter()).update(targets)
    model.target_entries = dict(target_entries)
    model.term_entries = dict(term_entries)
    model.term_targets = {t: dict(c) for t, c in term_targets.items()}
    return model


_cached: dict[str, tuple[float, TargetModel]] = {}


def forget_model() -> None:
    _cached.clear()


def target_model(target_tags) -> TargetModel:
    from .models import SearchEntry

    found = _cached.get("model")
    if found and time.monotonic() - found[0] < MODEL_SECONDS:
        return found[1]
    rows = SearchEntry.objects.order_by("id").values_list(
        "name_terms", "body_terms", "tag_terms"
    )[:MODEL_ENTRIES]
    model = build_model(rows.iterator(chunk_size=2000), target_tags)
    _cached["model"] = (time.monotonic(), model)
    return model


def predict(model: TargetModel, words_terms: list[tuple[str, ...]]) -> dict:
    """{target: weight 0..1} for the content words of a query (each: its own terms)."""
    total_idf, scores = 0.0, Counter()
    for terms in words_terms:
        # The word's term with the most evidence: usually its lemma.
        best = max(terms, key=lambda t: model.term_entries.get(t, 0), default=None)
        if best is None:
            continue
        idf, gains = model.lift(best)
        if not idf:
            continue
        total_idf += idf
        for key, gain in gains.items():
            scores[key] += idf * gain
    if not total_idf:
        return {}
    return {key: score / total_idf for key, score in scores.items()}
