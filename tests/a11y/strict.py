"""Stricter checks than tests/browser: any axe impact at WCAG 2.2 A/AA, and vnu.

`axe_violations(page)` returns every WCAG A/AA violation (whatever its impact)
plus serious or critical best-practice ones; `vnu_errors(paths)` validates the
HTML the server sent, all files in one Java call because vnu starts slowly.
"""

import json
import shutil
import subprocess
from pathlib import Path

from tests.browser.conftest import AXE_SOURCE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VNU_JAR = (
    Path(__file__).resolve().parents[2]
    / "node_modules"
    / "vnu-jar"
    / "build"
    / "dist"
    / "vnu.jar"
)


def axe_violations(page) -> list[str]:
    """One line per violated rule on the current page ("" list when clean)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE())  # evaluate() keeps the strict CSP on
    result = page.evaluate(
        "tags => axe.run(document, "
        "{resultTypes: ['violations'], runOnly: {type: 'tag', values: tags}})",
        [*WCAG_TAGS, "best-practice"],
    )
    found = []
    for violation in result["violations"]:
        is_wcag = any(tag in WCAG_TAGS for tag in violation["tags"])
        if not is_wcag and violation["impact"] not in ("serious", "critical"):
            continue
        targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
        found.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} "
            f"at {targets}"
        )
    return found


def vnu_unavailable() -> str:
    """Why vnu cannot run here, or "" when it can."""
    if not shutil.which("java"):
        return "java is not installed, so the Nu HTML Checker was skipped"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing (npm install), so the Nu HTML Checker was skipped"
    return ""


def vnu_errors(paths: list[Path]) -> dict[Path, list[str]]:
    """Nu HTML Checker errors by file, from a single run over all of them."""
    if not paths:
        return {}
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(completed.stderr or completed.stdout or '{"messages": []}')
    by_file: dict[Path, list[str]] = {}
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(message.get("url", "").removeprefix("file:"))
        line = message.get("lastLine", "?")
        by_file.setdefault(path, []).append(
            f"vnu line {line}: {message['message']} "
            f"[{message.get('extract', '').strip()[:80]}]"
        )
    return by_file
