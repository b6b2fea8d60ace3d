"""Collects the declared policies and the URL names the resolver knows."""

import importlib

from django.urls import URLPattern, URLResolver, get_resolver

from tests.policies import Policy, PolicyGroup

POLICY_APPS = (
    "core",
    "accounts",
    "network",
    "workforce",
    "standards",
    "training",
    "api",
    "audit",
)


def url_names() -> dict[str, str]:
    """Every URL pattern as {name: route}; unnamed ones get a marker name."""
    found: dict[str, str] = {}

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full_ns = f"{namespace}:{ns}" if namespace and ns else ns or namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), full_ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if pattern.name:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    # Unnamed (e.g. the admin's redirects) still need a policy:
                    # they count under their namespace's group.
                    name = f"{namespace or ''}:<unnamed {route}>"
                found.setdefault(name, route)

    walk(get_resolver().url_patterns)
    return found


def declared() -> tuple[dict[str, Policy], list[PolicyGroup]]:
    policies: dict[str, Policy] = {}
    groups: list[PolicyGroup] = []
    for app in POLICY_APPS:
        module = importlib.import_module(f"tests.policies.{app}")
        for policy in module.POLICIES:
            assert policy.name not in policies, f"{policy.name} declared twice"
            policies[policy.name] = policy
        groups.extend(getattr(module, "GROUPS", []))
    return policies, groups


def all_checks() -> list[Policy]:
    policies, groups = declared()
    return [*policies.values(), *(s for g in groups for s in g.samples)]


def undeclared() -> list[str]:
    policies, groups = declared()
    prefixes = tuple(group.prefix for group in groups)
    return sorted(
        f"{name} ({route})"
        for name, route in url_names().items()
        if name not in policies and not name.startswith(prefixes)
    )
