"""News posts in the index: a kind of its own (choices only, no change in the database).

Run `manage.py rebuild_search_index` after migrating to index the published posts.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_postings"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("organization", "Association"),
                    ("event", "Event"),
                    ("activity", "Activity"),
                    ("place", "Place"),
                    ("news", "News"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="searchsuggestion",
            name="kind",
            field=models.CharField(
                choices=[
                    ("organization", "Association"),
                    ("event", "Event"),
                    ("activity", "Activity"),
                    ("place", "Place"),
                    ("news", "News"),
                ],
                max_length=12,
                verbose_name="kind",
            ),
        ),
    ]
