"""PostgreSQL: the name postings that bound a search (docs/search.md, "Performance").

One row per (entry, term of its name, compound parts or head) with the points of the
best place the term has in the name (head 12, word 10, part 8), the entry's state
(undated, event, inactive/cancelled), kind, end time and municipalities. A btree on
(term, state, points, end_ts) lets a search read the best few hundred candidates of a
term in index order instead of ranking every entry that mentions it.
SQLite keeps ranking every match through FTS5 (fast at the scale it serves).
"""

from django.db import migrations

POSTGRES = [
    """CREATE TABLE IF NOT EXISTS search_posting (
         term text NOT NULL,
         points smallint NOT NULL,
         state smallint NOT NULL,
         kind varchar(12) NOT NULL,
         end_ts bigint,
         places text[],
         entry_id bigint NOT NULL)""",
    """CREATE INDEX IF NOT EXISTS search_posting_term ON search_posting
         (term, state, points, end_ts) INCLUDE (kind, places, entry_id)""",
    "CREATE INDEX IF NOT EXISTS search_posting_entry ON search_posting (entry_id)",
]
POSTGRES_REVERSE = ["DROP TABLE IF EXISTS search_posting"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in POSTGRES:
        schema_editor.execute(sql)
    from search.postings import POSTINGS_SQL

    schema_editor.execute(POSTINGS_SQL.format(condition="TRUE"))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_bilingual_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
