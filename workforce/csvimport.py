"""CSV import of posts: read, check every row, then write all rows or none.

Rows are keyed on the trust's local reference, so importing the same file
again changes nothing. Checking never writes; `services.post_import_apply`
re-checks inside one transaction and writes only when every row is valid.
"""

import copy
import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.utils import timezone

from core.formulas import FORMULA_STARTS
from network.models import MemberTrust
from workforce.forms import FORMULA_CHECKED
from workforce.importrows import DATE_FORMATS, DETAIL_FIELDS, check_details
from workforce.models import Post

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = [
    "local_ref",
    "trust",
    "job_title",
    "role_type",
    "band",
    "wte",
    "delivery_model",
    "setting",
    "service_name",
    "locality",
    "lived_experience_basis",
    "contract_type",
    "funding_source",
    "funding_end_date",
    "status",
    "status_effective_date",
    "recruitment_stage",
    "advert_url",
    "expected_start",
    "notes",
]
OPTIONAL = {
    "service_name",
    "locality",
    "funding_end_date",
    "recruitment_stage",
    "advert_url",
    "expected_start",
    "notes",
}
REQUIRED_COLUMNS = [c for c in COLUMNS if c not in OPTIONAL]
# The headings people read: exports use them, imports accept them or the codes.
COLUMN_LABELS = {
    "local_ref": "Local reference",
    "trust": "Trust",
    "job_title": "Job title",
    "role_type": "Role type",
    "band": "Band",
    "wte": "WTE",
    "delivery_model": "Delivery model",
    "setting": "Setting",
    "service_name": "Service or team",
    "locality": "Locality",
    "lived_experience_basis": "Lived experience basis",
    "contract_type": "Contract type",
    "funding_source": "Funding source",
    "funding_end_date": "Funding end date",
    "status": "Status",
    "status_effective_date": "Status since",
    "recruitment_stage": "Recruitment stage",
    "advert_url": "Advert link",
    "expected_start": "Expected start",
    "notes": "Notes",
}
LABELS = [COLUMN_LABELS[c] for c in COLUMNS]
DATE_COLUMNS = {"funding_end_date", "status_effective_date", "expected_start"}
NUMBER_COLUMNS = {"wte"}
HEADINGS = {
    **{c: c for c in COLUMNS},
    **{label.lower().replace(" ", "_"): c for c, label in COLUMN_LABELS.items()},
}
CHOICE_COLUMNS = {
    "role_type": Post.RoleType,
    "band": Post.Band,
    "delivery_model": Post.DeliveryModel,
    "setting": Post.Setting,
    "lived_experience_basis": Post.LivedExperience,
    "contract_type": Post.Contract,
    "funding_source": Post.Funding,
    "status": Post.Status,
    "recruitment_stage": Post.Stage,
}
ROW_FIELDS = DETAIL_FIELDS  # every column but trust and the status pair
STATUS_CODES = frozenset(Post.Status.values)


class ImportError_(Exception):
    """A problem with the whole file (encoding, size, headers)."""


DATE_FIELD = forms.DateField(input_formats=DATE_FORMATS)


@dataclass
class Row:
    number: int
    values: dict
    errors: list[tuple[str, str]] = field(default_factory=list)
    action: str = ""
    trust: MemberTrust | None = None
    post: Post | None = None
    new_post: Post | None = None  # the checked, unsaved post a create writes
    cleaned: dict = field(default_factory=dict)
    status: tuple = ()
    changes: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class Check:
    file_errors: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def error_rows(self) -> list[Row]:
        return [r for r in self.rows if r.errors]

    @property
    def is_valid(self) -> bool:
        return not self.file_errors and not self.error_rows and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def upload_bytes(upload) -> bytes:
    """An upload's bytes, or ImportError_ if it is too big or empty."""
    if upload.size > MAX_BYTES:
        raise ImportError_(
            f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is 2 MB. "
            "Split it into smaller files."
        )
    raw = upload.read()
    if not raw.strip():
        raise ImportError_("The file is empty")
    return raw


def decode_csv(raw: bytes) -> str:
    """CSV bytes as text, or ImportError_ with a message for people."""
    if b"\x00" in raw:  # a binary file, not CSV text
        raise ImportError_(
            "The file could not be read as CSV text or as an Excel workbook. "
            "Save it as 'CSV UTF-8' or as an 'Excel Workbook (.xlsx)'."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportError_(
            "The file is not UTF-8 encoded. In Excel choose Save As, then "
            "'CSV UTF-8 (Comma delimited)', or upload the Excel workbook itself."
        ) from None


def _parse(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The column codes and the (spreadsheet row number, cells) of each row.
    Blank rows are skipped but keep their number, so errors name the row a
    person sees in their spreadsheet."""
    if "\x00" in text:
        raise ImportError_("The file could not be read as CSV text")
    try:
        records = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise ImportError_("The file could not be read as CSV text") from None
    numbered = [(n, r) for n, r in enumerate(records, 1) if any(c.strip() for c in r)]
    if not numbered:
        raise ImportError_("The file is empty")
    header = heading_codes(numbered[0][1])
    if len(numbered) - 1 > MAX_ROWS:
        raise ImportError_(
            f"The file has {len(numbered) - 1:,} rows; the limit is {MAX_ROWS:,}. "
            "Split it into smaller files."
        )
    if len(numbered) == 1:
        raise ImportError_("The file has headings but no rows of posts")
    return header, numbered[1:]


def heading_codes(headings: list[str]) -> list[str]:
    """The column codes of a heading row (labels or codes, any case), or
    ImportError_ naming what is missing or not recognised."""
    keys = [h.strip().lower().replace(" ", "_") for h in headings]
    header = [HEADINGS.get(k, k) for k in keys]
    missing = [COLUMN_LABELS[c] for c in REQUIRED_COLUMNS if c not in header]
    unknown = [
        h.strip() for h, c in zip(headings, header, strict=True) if c not in COLUMNS
    ]
    if missing or unknown:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if unknown:
            parts.append("not recognised " + ", ".join(h or "(blank)" for h in unknown))
        raise ImportError_(
            "The column headings do not match the template: " + "; ".join(parts)
        )
    return header


def _clean_cell(column: str, value: str, row: Row) -> str:
    value = value.strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        # Our CSV export quotes such text; what follows is checked like any
        # other value (by the one formula rule in core.formulas).
        return value[1:]
    if column in CHOICE_LOOKUPS and value:
        code = CHOICE_LOOKUPS[column].get(value.lower())
        if code is None:
            row.errors.append((column, not_allowed_message(column, value)))
            return value
        return code
    return value


def allowed_labels(column: str) -> list[str]:
    """What a person may enter in a choice column, as they read it."""
    return [str(label) for _, label in CHOICE_COLUMNS[column].choices]


def not_allowed_message(column: str, value: str) -> str:
    return (
        f"“{value}” is not a {COLUMN_LABELS[column].lower()} you can choose. "
        f"Enter one of: {'; '.join(allowed_labels(column))}"
    )


def _choice_lookup(choices) -> dict[str, str]:
    """Codes and labels, any case, to the stored code."""
    lookup = {k.lower(): k for k in choices.values}
    lookup.update({label.lower(): k for k, label in choices.choices})
    return lookup


CHOICE_LOOKUPS = {c: _choice_lookup(choices) for c, choices in CHOICE_COLUMNS.items()}


def _trust_lookup() -> dict[str, MemberTrust]:
    lookup = {}
    for trust in MemberTrust.objects.all():
        for key in (trust.name, trust.short_name, trust.ods_code):
            if key:
                lookup[key.strip().lower()] = trust
    return lookup


def check_import(
    *, text: str, user, own_trust: MemberTrust | None, lock: bool = False
) -> Check:
    """Validate every row without writing. `own_trust` limits a trust lead;
    `lock` holds the matched posts until the caller's transaction ends."""
    check = Check()
    try:
        header, records = _parse(text)
    except ImportError_ as problem:
        check.file_errors.append(str(problem))
        return check
    cells = []
    for number, record in records:
        row = Row(number, dict(zip(header, record + [""] * len(header), strict=False)))
        cells.append(
            (row, {c: _clean_cell(c, row.values.get(c, ""), row) for c in COLUMNS})
        )
    trusts = _trust_lookup()
    existing = _existing_posts({v["local_ref"] for _, v in cells}, own_trust, lock)
    seen: dict[tuple, int] = {}
    for row, values in cells:
        _check_row(row, values, trusts, existing, seen, own_trust)
        check.rows.append(row)
    return check


def _existing_posts(refs: set[str], own_trust, lock) -> dict[tuple, Post]:
    """The posts the file's references match, in one query."""
    posts = Post.objects.filter(local_ref__in=refs - {""})
    if own_trust:
        posts = posts.filter(trust=own_trust)
    if lock:
        posts = posts.select_for_update()
    return {(p.trust_id, p.local_ref): p for p in posts}


def _check_row(row, values, trusts, existing, seen, own_trust) -> None:
    trust = _check_trust(row, values["trust"], trusts, own_trust)
    ref = values["local_ref"]
    if not ref:
        row.errors.append(
            ("local_ref", "Enter the local reference: it is how rows are matched")
        )
    elif trust:
        if (trust.pk, ref) in seen:
            first = seen[(trust.pk, ref)]
            row.errors.append(("local_ref", f"'{ref}' is also on row {first}"))
        seen.setdefault((trust.pk, ref), row.number)
    row.trust = trust
    row.post = existing.get((trust.pk, ref)) if trust else None
    status, effective = _check_status(row, values)
    # Validate against the post as it would be after the import.
    instance = copy.copy(row.post) if row.post else Post(trust=trust)
    instance.status, instance.status_effective_date = status, effective
    cleaned, errors, changed = check_details(values, instance)
    already = {column for column, _ in row.errors}  # one message per column
    for name, messages in errors.items():
        if name not in already:
            row.errors.extend((name, m) for m in messages)
    if row.errors:
        return
    row.cleaned, row.status = cleaned, (status, effective)
    if not row.post:
        row.action, row.new_post = "create", instance
    elif changed or row.post.status != status:
        row.action = "update"
        row.changes = changes(
            row.post, {**cleaned, "status": status, "status_effective_date": effective}
        )
    else:
        row.action = "unchanged"


def changes(post: Post, new: dict) -> list[tuple[str, str, str]]:
    """Each field a row changes, as (column label, from, to) in words."""
    out = []
    for name, value in new.items():
        old = getattr(post, name)
        if (old or None) != (value or None):
            label = COLUMN_LABELS[name]
            out.append((label, display(name, old), display(name, value)))
    return out


def display(column: str, value) -> str:
    """A value as the register shows it: choice labels, dates in words."""
    if value in (None, ""):
        return "(blank)"
    if column in CHOICE_COLUMNS:
        return str(CHOICE_COLUMNS[column](value).label)
    if column in DATE_COLUMNS:
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _check_trust(row, name, trusts, own_trust) -> MemberTrust | None:
    trust = trusts.get(name.lower())
    if not name:
        row.errors.append(("trust", "Enter the trust"))
    elif trust is None:
        row.errors.append(("trust", f"No member trust is called '{name}'"))
    elif own_trust and trust != own_trust:
        row.errors.append(("trust", f"You can only import posts for {own_trust.name}"))
        return None
    return trust


def _check_status(row: Row, values: dict) -> tuple:
    status = values["status"]
    if status not in STATUS_CODES:
        if not status:
            row.errors.append(
                ("status", "Enter the status: " + "; ".join(allowed_labels("status")))
            )
        return Post.Status.PLANNED, None
    try:
        effective = DATE_FIELD.clean(values["status_effective_date"])
    except forms.ValidationError:
        row.errors.append(
            ("status_effective_date", "Enter a date as YYYY-MM-DD or DD/MM/YYYY")
        )
        return status, None
    if effective > timezone.localdate():
        row.errors.append(
            ("status_effective_date", "This date cannot be in the future")
        )
        return status, None
    if row.post and row.post.status != status:
        try:
            row.post.check_transition(status, effective)
        except forms.ValidationError as problem:
            for column, messages in problem.message_dict.items():
                column = "status" if column == "to_status" else "status_effective_date"
                row.errors.extend((column, m) for m in messages)
    return status, effective


EXAMPLE = {
    "local_ref": "ESR-0001",
    "trust": "Mersey Care",
    "job_title": "Peer Support Worker – Crisis Team",
    "role_type": "Peer support worker",
    "band": "Band 3",
    "wte": "1.00",
    "delivery_model": "Embedded in a team alongside professionals",
    "setting": "Crisis and home treatment",
    "service_name": "Crisis Resolution Team",
    "locality": "Liverpool",
    "lived_experience_basis": "Service user",
    "contract_type": "Permanent",
    "funding_source": "Trust baseline",
    "status": "Filled",
    "status_effective_date": "2024-04-01",
}


def template_rows() -> list[list[str]]:
    """One example row for the downloadable template, in the words people read."""
    return [[EXAMPLE.get(c, "") for c in COLUMNS]]


REGISTER_FIELDS = [c for c in COLUMNS if c != "trust"] + ["trust__name"]


def register_values(post: Post) -> list:
    """One post as a row of the register's export: the labels a person reads,
    dates and numbers as themselves. Importing the export changes nothing."""
    out = []
    for column in COLUMNS:
        if column == "trust":
            out.append(post.trust.name)
        elif column in CHOICE_COLUMNS:
            value = getattr(post, column)
            out.append(CHOICE_COLUMNS[column](value).label if value else "")
        else:
            out.append(getattr(post, column))
    return out


GUIDANCE = {
    "local_ref": "Your trust's own position or ESR number. Rows are matched to "
    "posts by it, so importing the same file again changes nothing.",
    "trust": "The trust's name, short name or ODS code.",
    "job_title": "Up to 200 characters.",
    "wte": "Whole-time equivalent, from 0.01 to 1.00 (1.00 is 37.5 hours).",
    "service_name": "Up to 200 characters.",
    "locality": "Up to 100 characters.",
    "funding_end_date": "A date, like 31/03/2027. Needed for a fixed-term post.",
    "status_effective_date": "The date the post took its status, like 01/04/2024. "
    "Not in the future.",
    "recruitment_stage": "Only while the status is Recruiting.",
    "advert_url": "A web address, like https://www.jobs.nhs.uk/…",
    "expected_start": "A date, like 01/09/2027.",
    "notes": "Do not record anything about the person in the post.",
}
TEXT_RULE = "Cannot start with =, +, - or @ (spreadsheets treat that as a formula)."


def column_guide() -> list[dict]:
    """What each column takes, for the import page and the template's help:
    the allowed values as people read them, with the codes also accepted."""
    guide = []
    for column in COLUMNS:
        words = [GUIDANCE.get(column, "")]
        if column in FORMULA_CHECKED:
            words.append(TEXT_RULE)
        choices = CHOICE_COLUMNS.get(column)
        guide.append(
            {
                "code": column,
                "label": COLUMN_LABELS[column],
                "required": column in REQUIRED_COLUMNS,
                "guidance": " ".join(w for w in words if w),
                "allowed": [(str(label), code) for code, label in choices.choices]
                if choices
                else [],
            }
        )
    return guide


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, "Whole row" if column == "__all__" else column)


def error_rows(check: Check) -> list[list]:
    out = [["", "", "file", message] for message in check.file_errors]
    for row in check.error_rows:
        for column, message in row.errors:
            out.append(
                [
                    row.number,
                    row.values.get("local_ref", ""),
                    column_label(column),
                    message,
                ]
            )
    return out
