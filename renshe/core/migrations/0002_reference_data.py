from django.db import migrations


def load(apps, schema_editor):
    from renshe.core.reference import reference_load

    reference_load(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
