"""PostgreSQL: the name postings of equal points and end time are read in entry order.

The index of migration 0006 ended at end_ts, so a read that stopped among equal
postings (a hundred "Kuoro N ry") kept an arbitrary few of them, and two pages of the
same search could rank different candidates. With entry_id in the key, the reads of
PostgresBackend.candidates are one order (points descending, as they are read first).
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS search_posting_term",
    """CREATE INDEX search_posting_term ON search_posting
         (term, state, points DESC, end_ts, entry_id) INCLUDE (kind, places)""",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_posting_term",
    """CREATE INDEX search_posting_term ON search_posting
         (term, state, points, end_ts) INCLUDE (kind, places, entry_id)""",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0011_more_kinds")]

    operations = [migrations.RunPython(forward, backward)]
