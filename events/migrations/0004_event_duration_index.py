from django.db import migrations

# An expression index on PostgreSQL only: it answers Event.longest_duration() without a
# scan. (SQLite's datetime arithmetic goes through a Python function, which an index
# cannot use; the embedded default's data is small enough not to need it.)
CREATE = (
    "CREATE INDEX IF NOT EXISTS event_duration ON events_event ((end_time - start_time)) "
    "WHERE end_time IS NOT NULL"
)
DROP = "DROP INDEX IF EXISTS event_duration"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0003_event_event_location_start")]
    operations = [migrations.RunPython(create, drop)]
