"""What a query is about, in the directory's own topics and audiences, learned from the index.

Each indexed entry has words (its name and text) and is filed under topics and
audiences. At index time `count_associations` counts, for every term, how many entries
have it and how many of those carry each topic and audience (`SearchAssociation`). A
query's words then predict the targets it is about (`predict`): each word by how much
more often than usual its entries carry a target, P(target | term) smoothed towards the
target's share of all entries, minus that share, weighted by how rare the word is
(idf). Nothing is listed per region or per query: the counts are those of whatever
data is indexed. The hand-written need words of the vocabulary (`needs.tsv`) are
added to them in search/query.py.

The backends use the prediction as a soft boost, worth less than a word found in a
name, and, for a query that describes a need in a sentence, as an alternative to
matching every word (docs/search.md, "Described needs").
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F

#: Entries counted: every one of a small index, an even sample (every k-th by id) of a
#: big one.
MODEL_ENTRIES = 50_000
#: The counts are taken again once this share of the entries counted has been indexed
#: since (saves, imports); a rebuild always takes them.
RECOUNT_SHARE = 0.2
#: Pseudo-count of the smoothing towards a target's overall share.
SMOOTHING = 4.0
#: Terms in fewer entries say nothing reliable about a target (and are not stored).
MIN_ENTRIES = 2
TOTALS = ""


def target_keys_of(tag_terms: str, target_tags: dict) -> set[tuple[str, str]]:
    """The (kind, slug) of the topics and audiences an entry's tag terms name."""
    tags = set(tag_terms.split())
    return {key for key, own in target_tags.items() if own & tags}


def _key_text(key: tuple[str, str]) -> str:
    return f"{key[0]}:{key[1]}"


def _parse_targets(text: str) -> dict[tuple[str, str], int]:
    values = text.split()
    found = {}
    for name, count in zip(values[::2], values[1::2], strict=True):
        kind, _colon, slug = name.partition(":")
        found[(kind, slug)] = int(count)
    return found


def _format(counter: Counter) -> str:
    return " ".join(f"{_key_text(k)} {n}" for k, n in sorted(counter.items()))


def count_rows(rows, target_tags: dict) -> tuple[int, Counter, Counter, dict[str, Counter]]:
    """(entries, entries per target, entries per term, per term the entries per target)
    of (name terms, body terms, tag terms) rows."""
    entries, per_target = 0, Counter()
    # Terms counted per distinct set of targets (a few hundred sets), then spread.
    by_targets: dict[frozenset, Counter] = {}
    for name_terms, body_terms, tag_terms in rows:
        targets = frozenset(target_keys_of(tag_terms or "", target_tags))
        entries += 1
        per_target.update(targets)
        counter = by_targets.setdefault(targets, Counter())
        counter.update(set((name_terms or "").split()) | set((body_terms or "").split()))
    per_term: Counter = Counter()
    term_targets: dict[str, Counter] = {}
    for targets, counter in by_targets.items():
        per_term.update(counter)
        if targets:
            for term, n in counter.items():
                found = term_targets.setdefault(term, Counter())
                for key in targets:
                    found[key] += n
    return entries, per_target, per_term, term_targets


def count_associations() -> int:
    """Count the terms' topics and audiences over the index (or an even sample of it)
    into `SearchAssociation`, replacing what was there; the number of entries counted."""
    from .models import SearchAssociation, SearchEntry
    from .query import target_tags

    tags = target_tags()
    total = SearchEntry.objects.count()
    step = max(1, math.ceil(total / MODEL_ENTRIES))
    entries = SearchEntry.objects.order_by("id")
    if step > 1:
        entries = entries.alias(every=F("id") % step).filter(every=0)
    rows = entries.values_list("name_terms", "body_terms", "tag_terms").iterator(chunk_size=2000)
    counted, per_target, per_term, term_targets = count_rows(rows, tags)
    objects = [SearchAssociation(term=TOTALS, entries=counted, targets=_format(per_target))]
    objects += [
        SearchAssociation(term=term, entries=n, targets=_format(term_targets.get(term, Counter())))
        for term, n in sorted(per_term.items())
        if n >= MIN_ENTRIES and len(term) <= 40
    ]
    with transaction.atomic():
        SearchAssociation.objects.all().delete()
        SearchAssociation.objects.bulk_create(objects, batch_size=5000)
    return counted


def note_indexed(count: int) -> None:
    """`count` entries were (re)indexed: take the counts again when enough changed."""
    from .models import SearchAssociation

    if not count:
        return
    with connection.cursor() as cursor:
        table = SearchAssociation._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET changed = changed + %s WHERE term = %s RETURNING entries, changed",
            [count, TOTALS],
        )
        found = cursor.fetchone()
    if found is None or found[1] >= max(1, RECOUNT_SHARE * found[0]):
        count_associations()


@dataclass
class Associations:
    """The counts of the totals and of some terms, as stored."""

    entries: int = 0
    target_entries: dict = field(default_factory=dict)
    term_entries: dict = field(default_factory=dict)
    term_targets: dict = field(default_factory=dict)

    def prior(self, key) -> float:
        return self.target_entries.get(key, 0) / self.entries if self.entries else 0.0

    def lift(self, term: str) -> tuple[float, dict]:
        """(idf of the term, {target: smoothed P(target | term) - P(target)}, positive)."""
        n = self.term_entries.get(term, 0)
        if n < MIN_ENTRIES or not self.entries:
            return 0.0, {}
        idf = math.log(self.entries / n) if n < self.entries else 0.0
        gains = {}
        for key, count in self.term_targets.get(term, {}).items():
            prior = self.prior(key)
            p = (count + SMOOTHING * prior) / (n + SMOOTHING)
            if p > prior:
                gains[key] = p - prior
        return idf, gains


def rarity(counts: Associations, terms) -> float | None:
    """The idf of a query word's commonest own term (its lemma, usually): log(N / n),
    a term in fewer than MIN_ENTRIES entries as in one; None without totals or terms."""
    if not counts.entries or not terms:
        return None
    n = max((counts.term_entries.get(t, 1) for t in terms), default=1)
    return math.log(counts.entries / max(1, n))


def associations(terms) -> Associations:
    """The stored counts of `terms` and the totals: one indexed query."""
    from .models import SearchAssociation

    found = Associations()
    rows = SearchAssociation.objects.filter(term__in={TOTALS, *terms}).values_list(
        "term", "entries", "targets"
    )
    for term, entries, targets in rows:
        if term == TOTALS:
            found.entries, found.target_entries = entries, _parse_targets(targets)
        else:
            found.term_entries[term] = entries
            found.term_targets[term] = _parse_targets(targets)
    return found


def predict(
    words_terms: list[tuple[str, ...]], counts: Associations | None = None
) -> dict[tuple[str, str], float]:
    """{(kind, slug): weight} of the topics and audiences that the content words of a
    query (each given as its own terms: lemmas, stems, synonyms) point at."""
    if counts is None:
        counts = associations({t for terms in words_terms for t in terms})
    total_idf, scores = 0.0, Counter()
    for terms in words_terms:
        # The word's term with the most evidence: usually its lemma.
        best = max(terms, key=lambda t: counts.term_entries.get(t, 0), default=None)
        if best is None:
            continue
        idf, gains = counts.lift(best)
        if not idf:
            continue
        total_idf += idf
        for key, gain in gains.items():
            scores[key] += idf * gain
    if not total_idf:
        return {}
    return {key: score / total_idf for key, score in scores.items()}
