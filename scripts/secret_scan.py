#!/usr/bin/env python3
"""Scan tracked files for secrets that must never be committed (SEC-24).

Usage: python scripts/secret_scan.py [paths...]   (default: every file git tracks)
Exit 1 and list each finding (file:line and rule, never the secret itself).
A line may opt out with the marker `secret-scan: allow` and a reason.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "secret-scan: allow"
RULES = {
    "private key": re.compile(
        r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY"
    ),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "API token of this service": re.compile(r"\bnwpsw_[A-Za-z0-9_-]{40,}"),
    "Django SECRET_KEY literal": re.compile(
        r"""SECRET_KEY\s*=\s*["'](?!django-insecure)[^"'\s]{20,}["']"""
    ),
    "password in a URL": re.compile(
        r"\b[a-z][a-z0-9+.-]*://[^\s:/@'\"]+:(?!password@|PASSWORD@|\$\{?|<)"
        r"[^\s@/'\"]{6,}@"
    ),
}
SKIP_SUFFIXES = {".png", ".jpg", ".ico", ".woff", ".woff2", ".gz", ".pdf", ".lock"}
SKIP_PARTS = {"node_modules", "static/vendor"}


def tracked_files() -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [ROOT / name for name in out.decode().split("\0") if name]


def scan_file(path: Path) -> list[str]:
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if path.suffix in SKIP_SUFFIXES or any(p in str(rel) for p in SKIP_PARTS):
        return []
    findings = []
    if path.name == ".env":
        findings.append(f"{rel}: a .env file is tracked (keep secrets out of git)")
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        return findings
    for number, line in enumerate(text.splitlines(), start=1):
        if MARKER in line:
            continue
        for rule, pattern in RULES.items():
            if pattern.search(line):
                findings.append(f"{rel}:{number}: {rule}")
    return findings


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or tracked_files()
    findings = [f for path in paths if path.is_file() for f in scan_file(path)]
    for finding in findings:
        print(finding)
    print(f"secret scan: {len(paths)} files, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
