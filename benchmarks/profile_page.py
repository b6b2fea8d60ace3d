"""Where a page's time goes: warm requests through Django's test client under
cProfile, in production mode (cached templates, DEBUG off), on a load database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_scale10 \\
    .venv/bin/python benchmarks/profile_page.py posts-list [--requests 20] [--top 25]

The page names are those of `benchmarks/run` (benchmarks/pages.py). Prints the
milliseconds per request, the share spent rendering templates and the functions
with the most cumulative time. cProfile adds its own overhead: compare shares,
not absolute times, with `benchmarks/run`'s figures. First it times the same
requests without the profiler by this process's CPU (the median request), the
figure to compare before and after a change on a machine shared with other
work, where wall time moves with everyone else's load.

`--path /about/` profiles any URL as the named page's user (auth-ping: the bench
coordinator), e.g. a bare signed-in page; `--sort tottime` lists the functions'
own time; `--cpu` times the functions by CPU instead of the wall clock.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("PERF_ENDPOINTS", "true")  # the auth-ping baseline
os.environ.setdefault("API_USER_RATE", "100000000/hour")  # as benchmarks/bench.py


def signed_in_client(email: str):
    from django.test import Client

    from benchmarks.pages import bench_user

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(bench_user(email))
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": time.time()}]
    session.save()
    return client


def template_share(stats: pstats.Stats) -> float:
    """Cumulative time of the outermost template render, over the total."""
    total = stats.total_tt or 1
    renders = [
        row[3]  # cumulative time
        for (path, _, name), row in stats.stats.items()
        if name == "render_to_string" and "django/template/loader.py" in path
    ]
    return max(renders, default=0.0) / total


def median_cpu_ms(client, path: str, requests: int) -> float:
    """This process's CPU time for the median of `requests` warm requests."""
    times = []
    for _ in range(requests):
        started = time.process_time()
        client.get(path, secure=True)
        times.append(time.process_time() - started)
    return sorted(times)[len(times) // 2] * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", help="a page name from benchmarks/pages.py")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="e.g. tottime")
    parser.add_argument("--cpu", action="store_true", help="profile by CPU time")
    parser.add_argument("--path", help="this URL instead, as the page's user")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from benchmarks.pages import key_pages

    pages = {page.name: page for page in key_pages()}
    if args.page not in pages:
        sys.exit(f"unknown page {args.page!r}; one of: {', '.join(pages)}")
    page = pages[args.page]
    if args.path:
        page.name, page.path = f"{page.name}@{args.path}", args.path
    anonymous = Client(HTTP_HOST="127.0.0.1")  # ALLOWED_HOSTS above
    client = signed_in_client(page.user) if page.signed_in else anonymous
    for _ in range(3):  # warm the caches a running server would have
        assert client.get(page.path, secure=True).status_code == 200, page.path
    cpu = median_cpu_ms(client, page.path, args.requests)
    print(f"{page.name}: {cpu:.1f} ms CPU a request (median, without the profiler)")
    profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.requests):
        client.get(page.path, secure=True)
    profiler.disable()
    elapsed = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    print(f"{page.name} {page.path}: {elapsed / args.requests * 1000:.1f} ms a request")
    print(f"share rendering templates: {template_share(stats):.0%}")
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
