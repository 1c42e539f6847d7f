"""Small groups stay hidden: no published number, nor any number derived from published
ones by adding and subtracting along the table's sums, counts fewer than the threshold.

The check here is independent of surveys.disclosure: exact rational arithmetic over every
sum of the table, including groups that are never shown (those who did not choose X)."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from surveys.disclosure import Relation, suppress


def derivable(unknowns, relations, values):
    """The unknowns whose value the relations fix, by exact Gaussian elimination."""
    index = {u: i for i, u in enumerate(unknowns)}
    matrix = []
    for relation in relations:
        row = [Fraction(0)] * len(unknowns)
        for item, sign in ((relation.total, 1), *((p, -1) for p in relation.parts)):
            if item in index:
                row[index[item]] += sign
        if any(row):
            matrix.append(row)
    fixed = set()
    rank = _rank(matrix)
    for unknown, i in index.items():
        unit = [Fraction(int(j == i)) for j in range(len(unknowns))]
        if _rank([*matrix, unit]) == rank:
            fixed.add(unknown)
    return fixed


def _rank(matrix):
    rows = [list(r) for r in matrix]
    rank = 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def table(cells, multiple=False):
    """The items and sums of a table of categories × columns, as surveys.results builds them."""
    values, relations, hidden = {}, [], set()
    categories, columns = len(cells), len(cells[0])
    row_totals = [
        max(row) + extra if multiple else sum(row)
        for row, extra in zip(cells, [1] * categories, strict=True)
    ]
    values["G"] = sum(row_totals)
    relations.append(Relation("G", tuple(("row", r) for r in range(categories))))
    for c in range(columns):
        values["col", c] = sum(cells[r][c] for r in range(categories))
        relations.append(Relation(("col", c), tuple(("cell", r, c) for r in range(categories))))
        if multiple:
            values["colnot", c] = values["G"] - values["col", c]
            hidden.add(("colnot", c))
            relations.append(Relation("G", (("col", c), ("colnot", c))))
            relations.append(
                Relation(("colnot", c), tuple(("not", r, c) for r in range(categories)))
            )
    if not multiple:
        relations.append(Relation("G", tuple(("col", c) for c in range(columns))))
    for r in range(categories):
        values["row", r] = row_totals[r]
        for c in range(columns):
            values["cell", r, c] = cells[r][c]
            if multiple:
                values["not", r, c] = row_totals[r] - cells[r][c]
                hidden.add(("not", r, c))
                relations.append(Relation(("row", r), (("cell", r, c), ("not", r, c))))
        if not multiple:
            relations.append(Relation(("row", r), tuple(("cell", r, c) for c in range(columns))))
    return values, relations, hidden


counts = st.integers(min_value=0, max_value=12)
tables = st.integers(1, 5).flatmap(
    lambda columns: st.lists(
        st.lists(counts, min_size=columns, max_size=columns), min_size=1, max_size=6
    )
)


def assert_no_small_group_shows(values, relations, hidden, threshold):
    suppressed = suppress(values, relations, threshold, hidden=hidden)
    assert hidden <= suppressed
    published = [item for item in values if item not in suppressed]
    assert all(values[item] >= threshold for item in published)
    for item in derivable(sorted(suppressed, key=repr), relations, values):
        assert values[item] >= threshold, f"{item} = {values[item]} can be worked out"


@settings(max_examples=60, deadline=None)
@given(tables, st.integers(min_value=2, max_value=6))
def test_no_published_or_derivable_single_choice_cell_is_a_small_group(cells, threshold):
    values, relations, hidden = table(cells)
    assert_no_small_group_shows(values, relations, hidden, threshold)


@settings(max_examples=40, deadline=None)
@given(tables, st.integers(min_value=2, max_value=6))
def test_no_published_or_derivable_multiple_choice_group_is_small(cells, threshold):
    values, relations, hidden = table(cells, multiple=True)
    assert_no_small_group_shows(values, relations, hidden, threshold)


def test_a_lone_small_cell_takes_a_second_cell_of_its_row_and_column_with_it():
    values, relations, hidden = table([[3, 10, 12], [8, 9, 11], [7, 6, 20]])
    suppressed = suppress(values, relations, 5, hidden=hidden)
    assert ("cell", 0, 0) in suppressed
    assert len([i for i in suppressed if i[0] == "cell" and i[1] == 0]) >= 2
    assert len([i for i in suppressed if i[0] == "cell" and i[2] == 0]) >= 2


def test_a_table_of_large_groups_is_published_whole():
    values, relations, hidden = table([[6, 10], [8, 9]])
    assert suppress(values, relations, 5, hidden=hidden) == set()
