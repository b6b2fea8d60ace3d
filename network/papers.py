"""Checks on an uploaded meeting paper, from its content rather than its name.

Allowed: PDF, Word, Excel, PowerPoint and OpenDocument files up to 20 MB. The
type comes from the file's first bytes (the `filetype` signatures); the zip-based
formats (docx, xlsx, pptx, odt, ods, odp) are also opened as archives and
refused if they would expand to far more than they weigh (a zip bomb).
"""

import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError

MAX_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 64 * 1024  # enough for every signature, including Office's zip parts
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100  # real Office files compress 5-20 times
MAX_ENTRIES = 5000

# extension -> what people call it
KINDS = {
    "pdf": "PDF",
    "doc": "Word document",
    "docx": "Word document",
    "xls": "Excel spreadsheet",
    "xlsx": "Excel spreadsheet",
    "ppt": "PowerPoint presentation",
    "pptx": "PowerPoint presentation",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "odp": "OpenDocument presentation",
}
ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}

NOT_ALLOWED = (
    "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument file"
)
TOO_BIG = "The selected file must be smaller than 20 MB"
EMPTY = "The selected file is empty"
BAD_NAME = (
    "The file name must not contain slashes or hidden control characters: "
    "rename the file and try again"
)
NAME_MISMATCH = "The file name ends in .{given} but the file is a {kind}: rename it"
DAMAGED = "The selected file is damaged and cannot be opened: save it again"
BOMB = (
    "The selected file expands to far more than its size when opened, so it "
    "cannot be uploaded: save it again as a normal file"
)


@dataclass
class CheckedPaper:
    filename: str
    extension: str
    content_type: str
    size: int


def check_paper(upload) -> CheckedPaper:
    """Raise ValidationError with a message for the person, or describe the file."""
    filename = check_name(upload.name or "")
    if upload.size == 0:
        raise ValidationError(EMPTY)
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_BIG)
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in KINDS:
        raise ValidationError(NOT_ALLOWED)
    given = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if given not in KINDS:
        raise ValidationError(NOT_ALLOWED)
    if KINDS[given] != KINDS[kind.extension] or (given in ZIP_BASED) != (
        kind.extension in ZIP_BASED
    ):
        raise ValidationError(
            NAME_MISMATCH.format(given=given, kind=KINDS[kind.extension])
        )
    if kind.extension in ZIP_BASED:
        check_archive(upload)
    return CheckedPaper(filename, kind.extension, kind.mime, upload.size)


def check_name(name: str) -> str:
    """The name as the person gave it, refused if it could act as a path or hide
    characters (a browser sends only the base name; other clients may not)."""
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        raise ValidationError(BAD_NAME)
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise ValidationError(BAD_NAME)
    if len(name) > 150:
        raise ValidationError("The file name must be 150 characters or fewer")
    return name


def check_archive(upload) -> None:
    """Sizes from the zip directory, then a bounded read of every entry (the
    directory can lie)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise ValidationError(BOMB)
            declared = sum(e.file_size for e in entries)
            if declared > MAX_EXPANDED or declared > MAX_RATIO * upload.size:
                raise ValidationError(BOMB)
            _read_bounded(archive, entries, min(MAX_EXPANDED, MAX_RATIO * upload.size))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise ValidationError(DAMAGED) from exc
    except NotImplementedError as exc:  # an unsupported compression method
        raise ValidationError(DAMAGED) from exc
    finally:
        upload.seek(0)


def _read_bounded(archive: zipfile.ZipFile, entries, budget: int) -> None:
    total = 0
    for entry in entries:
        with archive.open(entry) as stream:
            while chunk := stream.read(1024 * 1024):
                total += len(chunk)
                if total > budget:
                    raise ValidationError(BOMB)
