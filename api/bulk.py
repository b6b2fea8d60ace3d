"""Bulk upsert of posts by local reference, through the CSV importer.

The JSON rows are written out as the import template's CSV and go through
workforce.csvimport, so a row is checked and written exactly as an uploaded
spreadsheet row would be (all rows or none), and the upload is kept as a
PostImport like any other import.
"""

import csv
import io

from django.db import transaction
from rest_framework.exceptions import ValidationError

from network.models import MemberTrust
from workforce import csvimport, services
from workforce.models import PostImport

BULK_FILENAME = "api-bulk-upsert.csv"


def _own_trust(user):
    return None if user.is_coordinator else user.trust


def _rows(payload) -> list[dict]:
    rows = payload.get("rows") if isinstance(payload, dict) else payload
    if not isinstance(rows, list) or not rows:
        raise ValidationError({"rows": ["Send a non-empty list of rows"]})
    if not all(isinstance(r, dict) for r in rows):
        raise ValidationError({"rows": ["Each row must be a JSON object"]})
    if len(rows) > csvimport.MAX_ROWS:
        raise ValidationError(
            {"rows": [f"Send at most {csvimport.MAX_ROWS:,} rows at a time"]}
        )
    return rows


def _trust_cell(value) -> str:
    """Allow a trust id as well as the names and ODS codes the CSV accepts."""
    if isinstance(value, int) and not isinstance(value, bool):
        trust = MemberTrust.objects.filter(pk=value).first()
        return trust.name if trust else str(value)
    return "" if value is None else str(value)


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(csvimport.COLUMNS)
    for row in rows:
        cells = {k: ("" if v is None else str(v)) for k, v in row.items()}
        cells["trust"] = _trust_cell(row.get("trust"))
        writer.writerow([cells.get(c, "") for c in csvimport.COLUMNS])
    return out.getvalue()


def _errors(check) -> dict:
    errors = {}
    if check.file_errors:
        errors["rows"] = check.file_errors
    for row in check.error_rows:
        for column, message in row.errors:
            errors.setdefault(f"rows[{row.number - 2}].{column}", []).append(message)
    return errors


@transaction.atomic
def posts_bulk_upsert(*, payload, user) -> dict:
    rows = _rows(payload)
    unknown = sorted({k for r in rows for k in r} - set(csvimport.COLUMNS))
    if unknown:
        raise ValidationError({"rows": [f"Unknown fields: {', '.join(unknown)}"]})
    text = to_csv(rows)
    own = _own_trust(user)
    check = csvimport.check_import(text=text, user=user, own_trust=own)
    if not check.is_valid:
        raise ValidationError(_errors(check))
    staged = PostImport.objects.create(
        trust=own, filename=BULK_FILENAME, content=text, created_by=user
    )
    check = services.post_import_apply(post_import=staged, user=user, own_trust=own)
    if not check.is_valid:  # changed between the two checks
        raise ValidationError(_errors(check))
    return {a: check.count(a) for a in ("create", "update", "unchanged")}
