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


# What issue-17 testing found by eye, as checks: a table cell broken inside a
# word (or a date split over lines), a link that goes nowhere, Markdown shown
# as text, internal words, Django's "---------" option, and a filter drawn
# over a table. Word positions come from Range.getClientRects(): a word whose
# pieces sit on more than one line box was broken inside it.
PRESENTATION_RULES = r"""() => {
  const found = [];
  // checkVisibility() also says no for the inside of a closed <details>.
  const visible = el => el.checkVisibility({visibilityProperty: true});
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.bottom))).size;
  };
  const date = /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b/g;
  for (const cell of document.querySelectorAll('td, th')) {
    if (!visible(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.nhsuk-u-visually-hidden')) continue;
      const text = node.textContent;
      // A line may end after a space, a hyphen, a dash or a slash; nowhere else.
      for (const m of text.matchAll(/[^\s\-–—\/]+/g)) {
        if (lines(node, m.index, m.index + m[0].length) > 1) {
          found.push(`table cell breaks inside a word: "${m[0]}" in "${cell.innerText.trim().slice(0, 40)}"`);
        }
      }
      for (const m of text.matchAll(date)) {
        if (lines(node, m.index, m.index + m[0].length) > 1) {
          found.push(`table cell splits a date over lines: "${m[0]}"`);
        }
      }
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href').trim();
    if (href === '' || href === '#') {
      found.push(`link "${a.innerText.trim().slice(0, 40)}" has href="${href}"`);
    }
  }
  const skip = 'pre, code, textarea, script, style, [hidden], .nhsuk-u-visually-hidden';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const markdown = /\*\*\S[^*]*\*\*|__\S[^_]*__|\[[^\]]+\]\((https?:|\/)|^\s*#{1,6} \S/m;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !visible(el)) continue;
    const m = node.textContent.match(markdown);
    if (m) found.push(`Markdown shown as text: "${m[0].trim().slice(0, 40)}"`);
  }
  const seed = (document.title + '\n' + document.body.innerText).match(/.{0,30}\bseed.{0,30}/i);
  if (seed) found.push(`internal word "seed" on the page: "${seed[0].trim()}"`);
  for (const option of document.querySelectorAll('select option')) {
    if (/^-{3,}$/.test(option.textContent.trim())) {
      const label = option.closest('select').labels[0];
      found.push(`option "---------" in "${label ? label.innerText.trim() : 'a select'}"`);
    }
  }
  const tables = [...document.querySelectorAll('main table')].filter(visible)
    .map(t => t.getBoundingClientRect());
  for (const select of document.querySelectorAll('main select')) {
    if (!visible(select) || select.closest('table')) continue;
    const s = select.getBoundingClientRect();
    if (tables.some(t => s.left < t.right && t.left < s.right && s.top < t.bottom && t.top < s.bottom)) {
      found.push(`a select overlaps a table: "${select.name}"`);
    }
  }
  return [...new Set(found)].slice(0, 20);
}"""


def presentation_problems(page) -> list[str]:
    width = page.viewport_size["width"]
    return [f"{width} px: {problem}" for problem in page.evaluate(PRESENTATION_RULES)]
