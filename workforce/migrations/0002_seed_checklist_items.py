from django.db import migrations


def seed(apps, schema_editor):
    from workforce.reference import seed_checklist_items

    seed_checklist_items(apps.get_model("workforce", "ImplementationChecklistItem"))


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
