from django.db import migrations

PROVINCES = [
    ("DR", "Drenthe"),
    ("FL", "Flevoland"),
    ("FR", "Friesland"),
    ("GE", "Gelderland"),
    ("GR", "Groningen"),
    ("LI", "Limburg"),
    ("NB", "Noord-Brabant"),
    ("NH", "Noord-Holland"),
    ("OV", "Overijssel"),
    ("UT", "Utrecht"),
    ("ZE", "Zeeland"),
    ("ZH", "Zuid-Holland"),
]

# The sources (seed 001, 003) name three of the four phases; the fourth is a placeholder the national
# team renames in the portal, which is why phases are data and not code.
PHASES = [
    (1, "Kaderen van de uitdaging", "De partners verkennen samen het vraagstuk en kaderen de uitdaging."),
    (2, "Richten van de inzet", "De partners kiezen ambities en richten hun inzet."),
    (3, "Mobiliseren van de uitvoering", "De partners brengen de acties in uitvoering."),
    (4, "Vierde fase (naam vast te stellen)", "De bronnen noemen de naam van de vierde fase niet."),
]


def forwards(apps, schema_editor):
    Province = apps.get_model("zorgpact", "Province")
    Phase = apps.get_model("zorgpact", "Phase")
    for code, name in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"name": name})
    for order, name, description in PHASES:
        Phase.objects.update_or_create(order=order, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("zorgpact", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
