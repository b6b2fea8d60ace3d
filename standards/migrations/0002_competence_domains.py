"""Reference data: the nine domains of the HEE PSW Competence Framework (2020).

Titles of domains 5 to 9 come from the framework's Part 1 summary and are not
yet checked against Part 2, hence the source tag.
"""

from django.db import migrations

DOMAINS = [
    (
        1,
        "Understanding the values of peer support and the principles that underpin its implementation",
        "S5",
    ),
    (2, "Knowledge for peer support workers", "S5"),
    (3, "Core relational skills", "S5"),
    (4, "Supporting people as a peer support worker", "S5"),
    (5, "Working with teams and promoting people's rights", "S5 (unverified)"),
    (6, "Self-care and support, including the use of supervision", "S5 (unverified)"),
    (7, "Optional and further skills", "S5 (unverified)"),
    (8, "Meta-competences", "S5 (unverified)"),
    (9, "Organisational competences", "S5 (unverified)"),
]


def add_domains(apps, schema_editor):
    CompetenceDomain = apps.get_model("standards", "CompetenceDomain")
    for number, title, tag in DOMAINS:
        CompetenceDomain.objects.update_or_create(
            number=number, defaults={"title": title, "source_tag": tag}
        )


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [migrations.RunPython(add_domains, migrations.RunPython.noop)]
