from django.db import migrations


def mark_primary(apps, schema_editor):
    """Each trust that has leads gets one primary lead: the longest-standing."""
    User = apps.get_model("accounts", "User")
    seen = set()
    leads = User.objects.filter(role="trust_lead", is_active=True).order_by(
        "date_joined", "pk"
    )
    for lead in leads:
        if lead.trust_id in seen:
            continue
        seen.add(lead.trust_id)
        User.objects.filter(pk=lead.pk).update(is_primary_lead=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_lead_roles_and_profile")]

    operations = [migrations.RunPython(mark_primary, migrations.RunPython.noop)]
