"""The full-text side of the index, per database.

PostgreSQL: tsvectors generated from the pre-analysed terms (array_to_tsvector, so the
terms are lexemes as they are, with no parser or dictionary in between), a GIN index,
and pg_trgm indexes for typo correction and autocomplete.
SQLite: FTS5 tables kept in step with the tables by triggers.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE search_searchentry
       ADD COLUMN document tsvector GENERATED ALWAYS AS (
         array_to_tsvector(string_to_array(
           trim(name_terms || ' ' || body_terms || ' ' || facets), ' ', ''))
       ) STORED,
       ADD COLUMN name_document tsvector GENERATED ALWAYS AS (
         array_to_tsvector(string_to_array(name_terms, ' ', ''))
       ) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
    """CREATE INDEX search_suggestion_prefix
       ON search_searchsuggestion (title_key text_pattern_ops)""",
    """CREATE INDEX search_suggestion_trgm
       ON search_searchsuggestion USING gin (title_key gin_trgm_ops)""",
]

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
         name, body, facets, tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_fts (rowid, name, body, facets)
         VALUES (new.id, new.name_terms, new.body_terms, new.facets);
       END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
         DELETE FROM search_fts WHERE rowid = old.id;
       END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN
         UPDATE search_fts SET name = new.name_terms, body = new.body_terms,
           facets = new.facets WHERE rowid = old.id;
       END""",
    'CREATE VIRTUAL TABLE search_term_trgm USING fts5(term, tokenize="trigram")',
    """CREATE TRIGGER search_term_ai AFTER INSERT ON search_searchterm BEGIN
         INSERT INTO search_term_trgm (rowid, term) VALUES (new.id, new.term);
       END""",
    """CREATE TRIGGER search_term_ad AFTER DELETE ON search_searchterm BEGIN
         DELETE FROM search_term_trgm WHERE rowid = old.id;
       END""",
]

POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_suggestion_trgm",
    "DROP INDEX IF EXISTS search_suggestion_prefix",
    "DROP INDEX IF EXISTS search_term_trgm",
    "ALTER TABLE search_searchentry DROP COLUMN document, DROP COLUMN name_document",
]
SQLITE_REVERSE = [
    "DROP TABLE IF EXISTS search_term_trgm",
    "DROP TABLE IF EXISTS search_fts",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
