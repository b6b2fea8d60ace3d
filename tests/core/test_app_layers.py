"""No import circle between apps, core imports no other app, and every app
imports only the layers below it (the order in ARCHITECTURE.md). The circle
check is `scripts/app_imports.py`, run here on the real tree and on a made-up
circle so it cannot pass by never failing."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "app_imports.py"


def load_script():
    spec = importlib.util.spec_from_file_location("app_imports", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_apps_import_each_other_without_a_circle():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no circle between apps" in result.stdout


def test_core_imports_no_other_app():
    edges = load_script().app_edges()
    assert [where for (source, _), where in edges.items() if source == "core"] == []


# The order ARCHITECTURE.md gives: each app imports only apps before it.
LAYERS = [
    ["core"],
    ["audit"],
    ["network"],
    ["standards"],
    ["training"],
    ["workforce"],
    ["api"],
    ["accounts"],
    ["home", "demo"],
]


def test_each_app_imports_only_the_layers_below_it():
    rank = {app: n for n, layer in enumerate(LAYERS) for app in layer}
    upward = [
        f"{source} → {target}: {where[0]}"
        for (source, target), where in load_script().app_edges().items()
        if rank[target] >= rank[source]
    ]
    assert upward == []


def test_a_circle_fails_the_check(monkeypatch, capsys):
    script = load_script()
    circle = {
        ("core", "network"): ["core/x.py:1 imports network"],
        ("network", "core"): ["network/y.py:1 imports core"],
    }
    monkeypatch.setattr(script, "app_edges", lambda: circle)
    monkeypatch.setattr(sys, "argv", ["app_imports.py"])
    assert script.main() == 1
    assert "circle between apps: core ↔ network" in capsys.readouterr().out
