"""Word-level differences between two texts, as accessible HTML: the one
renderer for standards' versions and the terms of reference.

Insertions and deletions are `<ins>`/`<del>` with visually hidden words
("added", "removed") so the change is not carried by colour alone; the CSS
(`.app-diff__ins`, `.app-diff__del`) adds underline, strike-through and
visible markers as well.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"\s+|[^\s]+")
# Texts this long would make the matcher slow; compare by line instead.
WORD_LIMIT = 20_000


def _tokens(text: str) -> list[str]:
    return TOKEN.findall((text or "").replace("\r\n", "\n"))


def _marked(tag: str, said: str, words: list[str]) -> str:
    """The words in <ins>/<del>, with the spaces around them left outside so
    the visible markers sit against the words and not against the next one."""
    text = "".join(words)
    core = text.strip()
    if not core:
        return escape(text)
    before, after = text[: text.index(core)], text[text.index(core) + len(core) :]
    return (
        f'{escape(before)}<{tag} class="app-diff__{tag}">'
        f'<span class="nhsuk-u-visually-hidden">{said}: </span>{escape(core)}'
        f"</{tag}>{escape(after)}"
    )


def _ins(words: list[str]) -> str:
    return _marked("ins", "added", words)


def _del(words: list[str]) -> str:
    return _marked("del", "removed", words)


def _opcodes(old: list[str], new: list[str]):
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


@lru_cache(maxsize=64)
def _compared(old_text: str, new_text: str) -> tuple[tuple, tuple, tuple]:
    """The two texts' tokens and the opcodes between them. Remembered by the
    texts themselves, so an edited text is a new key, never a stale answer:
    the matcher is most of a comparison page's time, and the same versions
    are compared again and again."""
    old, new = _tokens(old_text), _tokens(new_text)
    if len(old) + len(new) > WORD_LIMIT:
        old = (old_text or "").splitlines(keepends=True)
        new = (new_text or "").splitlines(keepends=True)
    return tuple(old), tuple(new), tuple(_opcodes(old, new))


def inline_diff(old_text: str, new_text: str) -> SafeString:
    """One text with removed words struck through and added words underlined."""
    old, new, opcodes = _compared(old_text, new_text)
    parts = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            parts.append(escape("".join(old[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(_del(old[i1:i2]))
        if op in ("insert", "replace"):
            parts.append(_ins(new[j1:j2]))
    return mark_safe("".join(parts))


def side_by_side_diff(old_text: str, new_text: str) -> tuple[SafeString, SafeString]:
    """The old text with removals marked, and the new text with additions marked."""
    old, new, opcodes = _compared(old_text, new_text)
    left, right = [], []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            left.append(escape("".join(old[i1:i2])))
            right.append(escape("".join(new[j1:j2])))
            continue
        if op in ("delete", "replace"):
            left.append(_del(old[i1:i2]))
        if op in ("insert", "replace"):
            right.append(_ins(new[j1:j2]))
    return mark_safe("".join(left)), mark_safe("".join(right))


def change_counts(old_text: str, new_text: str) -> dict:
    """How many words were added and removed, for a plain-text summary."""
    old, new, opcodes = _compared(old_text, new_text)
    added = removed = 0
    for op, i1, i2, j1, j2 in opcodes:
        if op in ("delete", "replace"):
            removed += sum(1 for t in old[i1:i2] if t.strip())
        if op in ("insert", "replace"):
            added += sum(1 for t in new[j1:j2] if t.strip())
    return {"added": added, "removed": removed}


@dataclass
class DiffRow:
    """One line of a two-column comparison: old on the left, new on the right."""

    kind: str  # "same", "changed", "added", "removed"
    left: SafeString
    right: SafeString


def line_rows(old_text: str, new_text: str) -> list[DiffRow]:
    """Line-by-line rows for a table; changed lines get their words marked."""
    old, new = (old_text or "").splitlines(), (new_text or "").splitlines()
    rows = []
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            rows += [DiffRow("same", escape(x), escape(x)) for x in old[i1:i2]]
        elif op == "delete":
            rows += [DiffRow("removed", mark_safe(_del([x])), "") for x in old[i1:i2]]
        elif op == "insert":
            rows += [DiffRow("added", "", mark_safe(_ins([x]))) for x in new[j1:j2]]
        else:
            pairs = max(i2 - i1, j2 - j1)
            for k in range(pairs):
                left = old[i1 + k] if i1 + k < i2 else ""
                right = new[j1 + k] if j1 + k < j2 else ""
                rows.append(DiffRow("changed", *side_by_side_diff(left, right)))
    return rows
