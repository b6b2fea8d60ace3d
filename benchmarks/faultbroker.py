"""Fault scenarios around the broker and the worker's shutdown: Redis restarted
with a backlog (REL-03), SIGTERM to the worker mid fan-out (REL-06), and the
broker's memory policy checked at start-up (REL-16). Each returns (passed,
what was observed)."""

import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from faultparts import QUEUE, ROOT, VENV

AOF_DIR = Path("/tmp/nwpsw-faults-redis-aof")


def _once_each(stack, emails) -> tuple[int, int]:
    """(missing, duplicates) in the sink for these recipients."""
    counts = stack.sink.count(emails)
    missing = sum(1 for n in counts.values() if n == 0)
    dupes = sum(n - 1 for n in counts.values() if n > 1)
    return missing, dupes


def _wait_all_sent(stack, emails, seconds: float) -> None:
    """Until every recipient has a message (a worker may take 10 s to be ready
    on a busy machine, so no "quiet for a while" test here)."""
    stack.wait(lambda: _once_each(stack, emails)[0] == 0, seconds)


def _backlog_restart(stack, size: int, aof: bool) -> tuple[bool, str]:
    """`size` sends queued with no worker; Redis shut down and started again."""
    options = ()
    if aof:
        shutil.rmtree(AOF_DIR, ignore_errors=True)
        AOF_DIR.mkdir()
        options = ("--appendonly", "yes", "--appendfsync", "everysec")
        options += ("--dir", str(AOF_DIR))
    stack.worker_stop()
    stack.redis_stop()
    stack.redis_start(*options)
    made = stack.ctl(
        "fanout", size, f"rel03-{'aof' if aof else 'off'}-{time.time():.0f}"
    )
    ids, emails = made["ids"], made["emails"]
    stack.ctl("enqueue-many", *ids)
    queued = int(stack.redis_cli("llen", QUEUE) or 0)
    stack.redis_cli(*(["shutdown"] if aof else ["shutdown", "nosave"]))
    time.sleep(0.5)
    stack.redis_start(*options)
    after_restart = int(stack.redis_cli("llen", QUEUE) or 0)
    stack.worker_start(pool="prefork", concurrency=2)
    if after_restart:  # the worker drains what Redis kept
        _wait_all_sent(stack, emails, 120)
    drained = stack.ctl("status", *ids)["status"]
    stack.ctl("scan")  # the 5-minute scan: re-queues what is still pending
    _wait_all_sent(stack, emails, 120)
    time.sleep(3)  # anything sent twice would arrive now
    final = stack.ctl("status", *ids)["status"]
    missing, dupes = _once_each(stack, emails)
    ok = final == {"sent": size} and missing == 0 and dupes == 0
    if aof:  # AOF kept the backlog: the worker alone sent all of it
        ok = ok and after_restart == queued and drained == {"sent": size}
    label = "AOF on" if aof else "persistence off"
    return ok, (
        f"{label}: {queued} send tasks ({size} messages) queued, {after_restart} in "
        f"Redis after the restart; after the worker drained {drained}; after the "
        f"scan {final}; missing {missing}, duplicates {dupes}"
    )


def rel03(stack):
    """Redis restarted with 1,000 sends waiting, with AOF on and then off."""
    size = 300 if stack.quick else 1000
    try:
        results = [_backlog_restart(stack, size, aof) for aof in (True, False)]
    finally:  # back to the run's usual Redis (no persistence) and worker
        stack.worker_stop()
        stack.redis_stop()
        stack.redis_start()
        shutil.rmtree(AOF_DIR, ignore_errors=True)
        stack.worker_start()
    return all(ok for ok, _ in results), "; ".join(text for _, text in results)


def rel06(stack):
    """SIGTERM (warm shutdown) to the worker during a fan-out; restart."""
    size = 300 if stack.quick else 1000
    stack.worker_stop()
    made = stack.ctl("fanout", size, f"rel06-{time.time():.0f}")
    ids, emails = made["ids"], made["emails"]
    stack.sink.delay = 0.01  # about 100 messages a second: the TERM lands mid-way
    stack.worker_start(pool="prefork", concurrency=2)
    stack.ctl("enqueue-many", *ids)
    stack.wait(lambda: sum(stack.sink.count(emails).values()) >= size // 4, 60)
    at_term = sum(stack.sink.count(emails).values())
    termed = time.monotonic()
    stack.worker.send_signal(signal.SIGTERM)  # the main process, as systemd does
    try:
        code = stack.worker.wait(timeout=60)
    finally:
        stack.sink.delay = 0.0
    stopped_in = time.monotonic() - termed
    stack.worker = None
    at_exit = stack.ctl("status", *ids)["status"]
    time.sleep(3)
    stack.worker_start(pool="prefork", concurrency=2)
    _wait_all_sent(stack, emails, 120)
    time.sleep(3)  # anything sent twice would arrive now
    drained = stack.ctl("status", *ids)["status"]
    missing, dupes = _once_each(stack, emails)
    stack.worker_stop()
    stack.worker_start()
    ok = (
        drained == {"sent": size}
        and missing == 0
        and dupes == 0
        and "sending" not in at_exit
    )
    return ok, (
        f"{size} recipients; SIGTERM after {at_term} delivered; worker exited "
        f"{code} in {stopped_in:.1f} s with outbox {at_exit}; after restart (no "
        f"scan) {drained}; missing {missing}, duplicates {dupes}"
    )


def _worker_says(stack, policy: str) -> tuple[list[str], list[str]]:
    """Start a worker with Redis on `policy`; (its warnings, deploy check lines)."""
    stack.redis_cli("config", "set", "maxmemory-policy", policy)
    log = Path(tempfile.mkstemp(prefix="nwpsw-faults-rel16-", suffix=".log")[1])
    stack.worker_stop()
    with log.open("w") as out:
        stack.worker_start(loglevel="INFO", LOG_LEVEL="INFO", logfile=out)
        stack.wait(lambda: " ready." in log.read_text(errors="replace"), 30)
    stack.worker_stop()
    lines = log.read_text(errors="replace").splitlines()
    log.unlink()
    ready = any(" ready." in line for line in lines)
    warned = [line for line in lines if "maxmemory-policy" in line]
    check = subprocess.run(
        [VENV / "python", "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=stack.env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = check.stdout + check.stderr
    checked = [line for line in said.splitlines() if "core.W001" in line]
    return (warned if ready else ["worker never said ready"]), checked


def rel16(stack):
    """The worker and `check --deploy` warn unless the broker is noeviction."""
    try:
        lru_worker, lru_check = _worker_says(stack, "allkeys-lru")
        ok_worker, ok_check = _worker_says(stack, "noeviction")
    finally:
        stack.redis_cli("config", "set", "maxmemory-policy", "noeviction")
        stack.worker_start()
    ok = (
        len(lru_worker) == 1
        and "allkeys-lru" in lru_worker[0]
        and len(lru_check) == 1
        and not ok_worker
        and not ok_check
    )
    shown = lru_worker[0][-150:] if lru_worker else "nothing"
    return ok, (
        f"allkeys-lru: worker warned {len(lru_worker)} time(s) ('…{shown}'), "
        f"check --deploy core.W001 {len(lru_check)} time(s); noeviction: worker "
        f"warnings {len(ok_worker)}, check --deploy {len(ok_check)}"
    )
