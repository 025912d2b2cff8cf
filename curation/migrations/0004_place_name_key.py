"""Place and alias name keys (issue 18): alike-named places are found by an indexed key, not a scan of names."""

from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    # The key as the rules compute it today; a full detection run corrects keys that drift later.
    from curation.contradictions.rules import place_name_key

    for model_name in ("Place", "PlaceAlias"):
        model = apps.get_model("curation", model_name)
        rows = list(model.objects.only("pk", "name"))
        for row in rows:
            row.name_key = place_name_key(row.name)
        model.objects.bulk_update(rows, ["name_key"], batch_size=2000)
    if schema_editor.connection.vendor == "postgresql":
        # Without statistics on the new column the planner reads every place to find a few keys.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("ANALYZE curation_place, curation_placealias")


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0003_citation_quote_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="place",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="placealias",
            name="name_key",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
