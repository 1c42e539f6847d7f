"""PostgreSQL: the topic, audience and organizer terms in a small tsvector of their own.

The ranking asks each entry whether it carries the query's predicted topics and
audiences (search/targets.py): asked of `document` (every term of the entry), each
check decompressed the whole text again; `tag_document` holds the "_" terms alone.
"""

from django.db import migrations

FORWARD = """ALTER TABLE search_searchentry ADD COLUMN tag_document tsvector
    GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(tag_terms, ' '), '')))
    STORED"""
BACKWARD = "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tag_document"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0013_term_associations")]

    operations = [migrations.RunPython(forward, backward)]
