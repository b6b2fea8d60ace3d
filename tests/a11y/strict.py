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


# House rules axe does not cover (WCAG 1.3.1, 2.4.4, 2.4.6, 3.3.1).
HOUSE_RULES = r"""() => {
  const found = [];
  const main = document.querySelector('main') || document.body;
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) found.push(`${h1s.length} h1 headings, not 1`);
  let last = 0;
  for (const h of main.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (h.closest('[hidden]')) continue;
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) {
      found.push(`heading h${level} "${h.innerText.trim().slice(0, 40)}" after h${last}`);
    }
    last = level;
  }
  for (const tag of document.querySelectorAll('.nhsuk-tag')) {
    if (!tag.innerText.trim()) found.push('a coloured tag without text');
  }
  for (const svg of main.querySelectorAll('svg:not([aria-hidden="true"])')) {
    if (svg.closest('a, button') || svg.getBoundingClientRect().width < 100) continue;
    if (!main.querySelector('table')) found.push('a chart without a data table');
    const named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby')
      || svg.querySelector('title');
    if (!named) found.push('a chart without a text alternative');
  }
  const vague = /^(click here|here|more|read more|link|this)$/i;
  for (const a of main.querySelectorAll('a')) {
    if (vague.test(a.innerText.trim())) found.push(`vague link text "${a.innerText.trim()}"`);
  }
  const text = main.innerText;
  const bad = text.match(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}, \d{4}\b|\b\d{4}-\d{2}-\d{2}\b/);
  if (bad) found.push(`date not written as "3 March 2027": ${bad[0]}`);
  const summary = document.querySelector('.nhsuk-error-summary');
  const messages = main.querySelectorAll('.nhsuk-error-message');
  if (messages.length && !summary) found.push('error messages without an error summary');
  if (summary) {
    if (document.title.indexOf('Error: ') !== 0) found.push('error page title lacks "Error: "');
    for (const a of summary.querySelectorAll('a[href^="#"]')) {
      if (!document.getElementById(a.getAttribute('href').slice(1))) {
        found.push(`error summary link ${a.getAttribute('href')} has no target`);
      }
    }
    if (!summary.querySelector('a')) found.push('error summary without links');
    if (!summary.querySelector('[role=alert]')) found.push('error summary not announced');
    if (document.activeElement !== summary) found.push('error summary not focused');
  }
  return found;
}"""


def house_rule_problems(page) -> list[str]:
    return [f"house rule: {problem}" for problem in page.evaluate(HOUSE_RULES)]
