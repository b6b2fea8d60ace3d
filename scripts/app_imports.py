#!/usr/bin/env python3
"""Which app imports which: every `import` in each app's Python files (module
level and inside functions, migrations included), reported as app → app edges,
then any circle between apps.

    python scripts/app_imports.py            # edges and circles; exit 1 on a circle
    python scripts/app_imports.py --why core # the imports behind core's edges

Strings that Django resolves later ("network.MemberTrust" in a ForeignKey,
INSTALLED_APPS) are not imports and are not counted.
"""

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "accounts", "network", "workforce", "standards", "training", "api"]
APPS += ["audit", "home", "demo"]


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


def app_edges() -> dict[tuple[str, str], list[str]]:
    edges = defaultdict(list)
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")) if (ROOT / app).is_dir() else []:
            for line, module in imported_modules(path):
                target = module.split(".")[0]
                if target in APPS and target != app:
                    where = f"{path.relative_to(ROOT)}:{line} imports {module}"
                    edges[(app, target)].append(where)
    return edges


def circles(edges) -> list[list[str]]:
    """Strongly connected groups of more than one app (Tarjan)."""
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(app):
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(graph[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in APPS:
        if app not in index:
            visit(app)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--why", metavar="APP", help="list the imports behind APP's edges"
    )
    args = parser.parse_args()
    edges = app_edges()
    for app in APPS:
        targets = sorted(t for s, t in edges if s == app)
        print(f"{app:10} → {', '.join(targets) or '(no other app)'}")
        if args.why == app:
            for target in targets:
                for where in edges[(app, target)]:
                    print(f"    {where}")
    found = circles(edges)
    for group in found:
        print(f"circle between apps: {' ↔ '.join(group)}")
    if not found:
        print("no circle between apps")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
