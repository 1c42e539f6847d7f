"""Name compound parts and topic/audience terms as fields of their own, for ranking.

PostgreSQL: `document` (every term, GIN-indexed) now also holds the parts and the
"_"-prefixed topic terms; `part_document` holds the parts of the name alone.
SQLite: the FTS5 table gets `parts` and `tags` columns.
Run `manage.py rebuild_search_index` after migrating.
"""

from django.db import migrations, models

DOCUMENT = """array_to_tsvector(array_remove(string_to_array(
    name_terms || ' ' || part_terms || ' ' || body_terms || ' ' || tag_terms || ' ' || facets,
    ' '), ''))"""

POSTGRES = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN document, DROP COLUMN name_document",
    f"""ALTER TABLE search_searchentry
       ADD COLUMN document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED,
       ADD COLUMN name_document tsvector GENERATED ALWAYS AS (
         array_to_tsvector(array_remove(string_to_array(name_terms, ' '), ''))) STORED,
       ADD COLUMN part_document tsvector GENERATED ALWAYS AS (
         array_to_tsvector(array_remove(string_to_array(part_terms, ' '), ''))) STORED,
       ADD COLUMN head_document tsvector GENERATED ALWAYS AS (
         array_to_tsvector(array_remove(string_to_array(head_terms, ' '), ''))) STORED""",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
]

SQLITE = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
         name, head, parts, body, tags, facets, tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_searchentry BEGIN
         INSERT INTO search_fts (rowid, name, head, parts, body, tags, facets)
         VALUES (new.id, new.name_terms, new.head_terms, new.part_terms, new.body_terms, new.tag_terms,
                 new.facets);
       END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_searchentry BEGIN
         DELETE FROM search_fts WHERE rowid = old.id;
       END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE ON search_searchentry BEGIN
         UPDATE search_fts SET name = new.name_terms, head = new.head_terms, parts = new.part_terms,
           body = new.body_terms, tags = new.tag_terms, facets = new.facets
         WHERE rowid = old.id;
       END""",
    """INSERT INTO search_fts (rowid, name, parts, body, tags, facets)
       SELECT id, name_terms, part_terms, body_terms, tag_terms, facets
       FROM search_searchentry""",
]


def apply(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="part_terms",
            field=models.TextField(blank=True, default="", verbose_name="compound parts of the name"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="head_terms",
            field=models.TextField(blank=True, default="", verbose_name="head of the name"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="tag_terms",
            field=models.TextField(
                blank=True, default="", verbose_name="terms of the topics and audiences"
            ),
        ),
        migrations.RunPython(apply, migrations.RunPython.noop),
    ]
