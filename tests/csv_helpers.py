"""Read CSV downloads in tests: they stream, so there is no `response.content`."""

import csv
import io


def csv_text(response) -> str:
    """The whole download as text, without the BOM Excel needs."""
    if response.streaming:
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return body.decode("utf-8-sig")


def csv_rows(response) -> list[list[str]]:
    """The download as parsed rows, header first."""
    return list(csv.reader(io.StringIO(csv_text(response))))
