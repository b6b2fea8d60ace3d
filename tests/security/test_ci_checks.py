"""The CI security steps: secret scan and dependency audit (SEC-24, SEC-25)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import dependency_audit  # noqa: E402
import secret_scan  # noqa: E402


def test_repository_has_no_secrets():
    result = subprocess.run(
        [sys.executable, "scripts/secret_scan.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "line",
    [
        'SECRET_KEY = "p8w2-very-real-looking-production-key-0a9s8d7f"',  # secret-scan: allow (fixture)
        "DATABASE_URL=postgres://psw:S3cretPassw0rd@db:5432/psw",  # secret-scan: allow (fixture)
        "-----BEGIN RSA PRIVATE KEY-----",  # secret-scan: allow (fixture)
        "token = 'nwpsw_" + "A" * 43 + "'",
    ],
    ids=["secret-key", "db-password", "private-key", "api-token"],
)
def test_secret_scan_finds_planted_secrets(tmp_path, line):
    planted = tmp_path / "settings_local.py"
    planted.write_text(f"{line}\n")
    assert secret_scan.scan_file(planted)


def test_secret_scan_accepts_placeholders(tmp_path):
    ok = tmp_path / "example.txt"
    ok.write_text(
        "DATABASE_URL=postgres://psw:password@db:5432/psw\n"
        'SECRET_KEY = "django-insecure-dev-only-never-use-in-production"\n'
    )
    assert secret_scan.scan_file(ok) == []


def test_audit_fails_only_for_vulnerabilities_with_a_fix():
    report = {
        "dependencies": [
            {
                "name": "a",
                "version": "1",
                "vulns": [{"id": "X", "fix_versions": ["2"]}],
            },
            {"name": "b", "version": "1", "vulns": [{"id": "Y", "fix_versions": []}]},
            {"name": "c", "version": "1", "vulns": []},
        ]
    }
    fixable, unfixed = dependency_audit.classify(report)
    assert len(fixable) == 1 and "a 1: X" in fixable[0]
    assert len(unfixed) == 1 and "b 1: Y" in unfixed[0]


def test_audit_says_skipped_when_offline_and_fails_on_other_errors(monkeypatch, capsys):
    def offline(report):
        return subprocess.CompletedProcess([], 1, "", "requests.ConnectionError: ...")

    monkeypatch.setattr(dependency_audit, "run_audit", offline)
    assert dependency_audit.main() == 0
    assert "SKIPPED" in capsys.readouterr().out

    def broken(report):
        return subprocess.CompletedProcess([], 1, "", "unexpected crash")

    monkeypatch.setattr(dependency_audit, "run_audit", broken)
    assert dependency_audit.main() == 1


@pytest.mark.django_db
def test_migrations_create_no_accounts_and_deployment_never_seeds_demo_users():
    from accounts.models import User

    assert not User.objects.exists()  # no admin/admin-style default account
    for name in ("docker-compose.yml", "Dockerfile"):
        assert "seed_demo" not in (ROOT / name).read_text()
