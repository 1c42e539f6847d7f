"""Small-group suppression of published counts (primary and complementary).

A table of counts is a set of items tied by sums: a row's cells add up to the row's
total, a column's to the column's, the totals to the grand total. An item describing
fewer answers than the threshold is a *small group*. It must not be published, and it
must not be derivable from what is published by adding and subtracting along the sums.

The check is exact linear algebra: the suppressed items are the unknowns, every sum
is an equation, and an unknown is derivable when the equations pin it down whatever
the others are (in reduced row echelon form, its pivot row holds no free unknown).
Arithmetic is modulo a large prime: the equations have coefficients 0 and ±1 and a
few hundred unknowns at most, so their rank is the same as over the rationals.

While a small group is derivable, the smallest published item of an equation that
pins it down is suppressed too (complementary suppression), and the check repeats.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

PRIME = (1 << 61) - 1


@dataclass(frozen=True)
class Relation:
    """`total` is the sum of `parts`."""

    total: Hashable
    parts: tuple


def _derivable(unknowns: list, relations: Iterable[Relation]) -> set:
    """The unknowns that the relations determine, given every other item's value."""
    index = {item: i for i, item in enumerate(unknowns)}
    rows = []
    for relation in relations:
        row = {}
        for item, sign in ((relation.total, 1), *((p, -1) for p in relation.parts)):
            if item in index:
                column = index[item]
                row[column] = (row.get(column, 0) + sign) % PRIME
        row = {c: v for c, v in row.items() if v}
        if row:
            rows.append(row)
    pivots = {}  # column -> its reduced row
    for row in rows:
        for column, pivot_row in pivots.items():
            if column in row:
                factor = row[column]
                for c, v in pivot_row.items():
                    row[c] = (row.get(c, 0) - factor * v) % PRIME
                row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        column = min(row)
        inverse = pow(row[column], PRIME - 2, PRIME)
        row = {c: v * inverse % PRIME for c, v in row.items()}
        for other, other_row in pivots.items():
            if column in other_row:
                factor = other_row[column]
                for c, v in row.items():
                    other_row[c] = (other_row.get(c, 0) - factor * v) % PRIME
                pivots[other] = {c: v for c, v in other_row.items() if v}
        pivots[column] = row
    return {unknowns[column] for column, row in pivots.items() if len(row) == 1}


def suppress(
    values: dict,
    relations: list[Relation],
    threshold: int,
    hidden: Iterable = (),
    rank: Callable | None = None,
) -> set:
    """The items to leave unpublished: every item under `threshold`, and enough others
    that none of those can be derived. `hidden` items are never published (groups such
    as "did not choose X" that are not shown but could still be worked out). Of the
    items that would protect a small group, the one with the lowest `rank(item)` goes
    (by default the smallest value)."""
    rank = rank or (lambda item: values[item])
    suppressed = {item for item, value in values.items() if value < threshold}
    suppressed |= set(hidden)
    relations_of: dict = {}
    for relation in relations:
        for item in (relation.total, *relation.parts):
            relations_of.setdefault(item, []).append(relation)
    primary = set(suppressed)
    suppressed = _protect(suppressed, values, relations, threshold, rank, relations_of)
    # The greedy choice can hide more than needed: publish again, the most wanted first,
    # each extra item whose return exposes no small group.
    for item in sorted(suppressed - primary, key=lambda i: (rank(i), repr(i)), reverse=True):
        if not _exposed(suppressed - {item}, values, relations, threshold):
            suppressed = suppressed - {item}
    return suppressed


def _exposed(suppressed: set, values: dict, relations, threshold: int) -> list:
    derivable = _derivable(sorted(suppressed, key=repr), relations)
    return sorted((i for i in derivable if values[i] < threshold), key=repr)


def _protect(suppressed, values, relations, threshold, rank, relations_of) -> set:
    suppressed = set(suppressed)
    while True:
        exposed = _exposed(suppressed, values, relations, threshold)
        if not exposed:
            return suppressed
        item = exposed[0]
        candidates = [
            other
            for relation in relations_of.get(item, ())
            for other in (relation.total, *relation.parts)
            if other not in suppressed
        ]
        if not candidates:
            # The sums pin it down among unknowns alone: widen to every published item.
            candidates = [other for other in values if other not in suppressed]
        if not candidates:
            return suppressed
        suppressed.add(min(candidates, key=lambda other: (rank(other), repr(other))))
