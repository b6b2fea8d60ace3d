"""Fault scenarios around the queue: Redis hung (REL-02), the whole worker
killed mid fan-out (REL-05), beat down across a due time and two beats at once
(REL-10). Each returns (passed, what was observed). `stack.quick` shortens them
for CI; the shortened sizes are printed in the observation."""

import os
import signal
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from faultparts import QUEUE, WEB_PORT


def _ping_while(stop: threading.Event, latencies: list) -> None:
    """/_perf/ping every 0.5 s: proves gunicorn still has a free worker."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{WEB_PORT}/_perf/ping", timeout=10
            ) as response:
                ok = response.status == 200
        except OSError:
            ok = False
        latencies.append((time.monotonic() - started, ok))
        stop.wait(0.5)


def _invite(stack, prefix: str, i: int) -> tuple[int, float]:
    return stack.post(
        "/accounts/people/invite/",
        stack.data["coordinator"],
        {
            "full_name": f"Invitee {i}",
            "email": f"{prefix}{i}@faults.nwpsw.example",
            "role": "coordinator",
            "trust": "",
        },
    )


def _invite_during(stack, prefix: str, seconds: float) -> list:
    """Invitations from two clients at once for `seconds`: [(status, seconds)]."""
    results: list = []
    deadline = time.monotonic() + seconds

    def client(offset):
        i = offset
        while time.monotonic() < deadline:
            results.append(_invite(stack, prefix, i))
            i += 2

    threads = [threading.Thread(target=client, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def rel02(stack):
    """Redis hung (SIGSTOP) while people save: saves bounded, web not pinned."""
    hang = 8 if stack.quick else 20  # the spec's 2 minutes, shortened
    prefix = f"rel02-{int(time.time())}-"
    pid = stack.redis_pid()
    stop, pings = threading.Event(), []
    pinger = threading.Thread(target=_ping_while, args=(stop, pings))
    os.kill(pid, signal.SIGSTOP)
    try:
        pinger.start()
        posts = _invite_during(stack, prefix, hang)
    finally:
        os.kill(pid, signal.SIGCONT)
        stop.set()
        pinger.join()
    saved = stack.ctl("invites", prefix)
    emails = saved["emails"]
    time.sleep(3)  # the worker reconnects by itself
    stack.ctl("scan")  # what the 5-minute beat scan does
    stack.wait(lambda: all(stack.sink.count(emails).values()), 60)
    time.sleep(3)
    final = stack.ctl("invites", prefix)
    counts = stack.sink.count(emails)
    acknowledged = sum(1 for status, _ in posts if status == 302)
    slowest = max(seconds for _, seconds in posts)
    ping_slowest = max(seconds for seconds, _ in pings)
    rows_sent = final["notifications"].get("sent", 0)
    ok = (
        {status for status, _ in posts} == {302}
        and slowest <= 3
        and all(ok for _, ok in pings)
        and ping_slowest <= 3
        and saved["users"] == acknowledged
        and set(final["notifications"]) == {"sent"}
        and min(counts.values()) >= 1
        and sum(counts.values()) == rows_sent
    )
    return ok, (
        f"Redis stopped {hang} s: {len(posts)} POSTs, statuses "
        f"{sorted({s for s, _ in posts})}, slowest {slowest:.2f} s, median "
        f"{sorted(t for _, t in posts)[len(posts) // 2]:.2f} s; {len(pings)} pings "
        f"meanwhile, all answered: {all(ok for _, ok in pings)}, slowest "
        f"{ping_slowest:.2f} s; {saved['users']} users saved for {acknowledged} "
        f"acknowledged; after CONT outbox {final['notifications']} and "
        f"{sum(counts.values())} SMTP messages"
    )


def rel05(stack):
    """kill -9 the whole worker (main process and pool) during a big fan-out."""
    size = 300 if stack.quick else 2000  # the spec's 10,000, sized for minutes
    pause = 3 if stack.quick else 10  # the spec's 30 s before the restart
    stack.worker_stop()
    made = stack.ctl("fanout", size, f"rel05-{int(time.time())}")
    ids, emails = made["ids"], made["emails"]
    stack.worker_start(pool="prefork", concurrency=2)
    stack.ctl("enqueue-many", *ids)
    stack.wait(lambda: sum(stack.sink.count(emails).values()) >= size // 4, 60)
    stack.worker_kill_all()
    at_kill = stack.ctl("status", *ids)["status"]
    time.sleep(pause)
    stack.worker_start(pool="prefork", concurrency=2)
    _wait_quiet(stack, emails, 120)  # the queue drains what it still holds
    drained = stack.ctl("status", *ids)["status"]
    # What the 15-minute stale-claim rule and the next scan do, without waiting.
    stack.ctl("scan", NOTIFICATIONS_STALE_CLAIM_SECONDS="0")
    stack.wait(lambda: all(stack.sink.count(emails).values()), 120)
    time.sleep(2)
    final = stack.ctl("status", *ids)["status"]
    counts = stack.sink.count(emails)
    missing = sum(1 for n in counts.values() if n == 0)
    dupes = sum(n - 1 for n in counts.values() if n > 1)
    stack.worker_stop()
    stack.worker_start()
    ok = final == {"sent": size} and missing == 0 and dupes <= 2
    return ok, (
        f"{size} recipients; at the kill {at_kill}; restarted after {pause} s; "
        f"after the queue drained {drained}; after the stale-claim scan {final}; "
        f"missing {missing}, duplicates {dupes} (bound: concurrency 2 x prefetch 1)"
    )


def _wait_quiet(stack, emails, seconds) -> None:
    """Until the sink has had no new message for 3 s (or `seconds` pass)."""
    deadline = time.monotonic() + seconds
    last, still = -1, 0
    while time.monotonic() < deadline and still < 10:
        now = sum(stack.sink.count(emails).values())
        still = still + 1 if now == last else 0
        last = now
        time.sleep(0.3)


def _beat_worker(stack, log: Path) -> None:
    """A worker that also takes beat's scan tasks, its errors logged to `log`."""
    stack.worker_stop()
    stack.worker_start(
        pool="prefork", concurrency=2, queues=f"{QUEUE},celery", logfile=log.open("w")
    )


def _meeting_delivered(stack, meeting) -> tuple[dict, dict]:
    """(outbox rows per recipient, SMTP messages per recipient) for a meeting."""
    notes = stack.ctl("meeting-notes", meeting["pk"])
    return notes, stack.sink.about(meeting["title"])


def rel10_beat_down(stack):
    """Beat down when a reminder falls due; started later, it sends it once."""
    scan = 2 if stack.quick else 3
    log = Path(tempfile.mkstemp(prefix="nwpsw-faults-rel10-", suffix=".log")[1])
    _beat_worker(stack, log)
    meeting = stack.ctl("meeting", f"REL-10 beat down {time.time():.0f}")
    time.sleep(2 * scan)  # due, and no beat to scan for it
    while_down = stack.ctl("meeting-notes", meeting["pk"])
    stack.beat_start(scan, "a")
    try:
        stack.wait(
            lambda: (
                (n := stack.ctl("meeting-notes", meeting["pk"]))["keys"]
                and n["status"] == {"sent": n["keys"]}
            ),
            60,
        )
        time.sleep(4 * scan)  # several more scans: none may send it again
    finally:
        stack.beats_stop()
    notes, sink = _meeting_delivered(stack, meeting)
    errors = _log_errors(log)
    stack.worker_stop()
    stack.worker_start()
    ok = (
        while_down["keys"] == 0
        and notes["keys"] > 0
        and notes["status"] == {"sent": notes["keys"]}
        and sink == notes["per_recipient"]
        and not errors
    )
    return ok, (
        f"scan every {scan} s; outbox rows while beat was down: {while_down['keys']}; "
        f"after start {notes['status']} for {len(notes['per_recipient'])} people; "
        f"SMTP messages per person {sorted(sink.values())} vs rows "
        f"{sorted(notes['per_recipient'].values())}; worker log errors: {errors or 'none'}"
    )


def rel10_two_beats(stack):
    """Two beat processes at once: one message per dedupe key, no IntegrityError."""
    window = 12 if stack.quick else 60  # the spec's 15 minutes, shortened
    scan = 1
    log = Path(tempfile.mkstemp(prefix="nwpsw-faults-rel10b-", suffix=".log")[1])
    _beat_worker(stack, log)
    meetings = []
    stack.beat_start(scan, "a")
    stack.beat_start(scan, "b")
    try:
        for i in range(4):  # new reminders fall due while both beats scan
            meetings.append(
                stack.ctl("meeting", f"REL-10 two beats {i} {time.time():.0f}")
            )
            time.sleep(window / 4)
    finally:
        stack.beats_stop()
    time.sleep(5)  # the last scans' sends finish
    results = [_meeting_delivered(stack, m) for m in meetings]
    errors = _log_errors(log)
    stack.worker_stop()
    stack.worker_start()
    ok = (
        all(n["keys"] and n["status"] == {"sent": n["keys"]} for n, _ in results)
        and all(sink == n["per_recipient"] for n, sink in results)
        and not errors
    )
    keys = sum(n["keys"] for n, _ in results)
    messages = sum(sum(sink.values()) for _, sink in results)
    return ok, (
        f"two beats scanning every {scan} s for {window} s, 4 meetings falling due; "
        f"{keys} dedupe keys, {messages} SMTP messages; outbox "
        f"{[n['status'] for n, _ in results]}; worker log errors: {errors or 'none'}"
    )


def _log_errors(log: Path) -> list[str]:
    """Lines in a worker log that show an error escaping a task."""
    text = log.read_text(errors="replace")
    log.unlink()
    markers = ("IntegrityError", "Traceback", "raised unexpected")
    return [line[:160] for line in text.splitlines() if any(m in line for m in markers)]
