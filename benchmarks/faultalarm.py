"""The alarm when scheduled work stops (ALARM): the worker is stopped while
beat runs; /healthz must turn 503 within its limit, the dead man's switch pings
must stop, and after a restart coordinators get one catch-up email. The limits
are seconds here (15) instead of the deployed 30 and 5 minutes."""

import json
import threading
import time
import urllib.error
import urllib.request

from faultparts import QUEUE, PingReceiver

PORT = 8711  # a gunicorn of its own, started with the short limits
LIMIT = 15  # HEALTH_SCAN_MAX_AGE and HEALTH_HEARTBEAT_MAX_AGE, seconds
EVERY = 2  # beat's scan and heartbeat interval, seconds
CAUGHT_UP = "Reminders stopped for a while and have now caught up"


def _healthz() -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except OSError:
        return 0, {}


def _until(status: int, since: float, seconds: float) -> tuple[float | None, dict]:
    """Seconds from `since` (a time.time()) until /healthz answers `status`
    (None if it did not within `seconds`), and its body."""
    while time.time() - since < seconds:
        code, body = _healthz()
        if code == status:
            return time.time() - since, body
        time.sleep(0.5)
    return None, {}


def alarm(stack):
    limits = {"HEALTH_SCAN_MAX_AGE": str(LIMIT), "HEALTH_HEARTBEAT_MAX_AGE": str(LIMIT)}
    pings = PingReceiver()
    web = stack.gunicorn(PORT, 1, **limits)
    try:
        return _stop_and_restart(stack, pings, limits)
    finally:
        stack.beats_stop()
        stack.worker_stop()
        web.terminate()
        web.wait(timeout=30)
        pings.stop()
        stack.worker_start()


def _start_worker(stack, pings, limits):
    stack.worker_start(
        pool="prefork",
        concurrency=2,
        queues=f"{QUEUE},celery",
        HEALTHCHECKS_PING_URL=pings.url,
        **limits,
    )


def _stop_and_restart(stack, pings, limits):
    stack.worker_stop()
    stack.ctl("scan")  # a fresh last-scan time: no gap before the run starts
    _start_worker(stack, pings, limits)
    stack.beat_start(EVERY, "alarm", FAULT_HEARTBEAT_SECONDS=str(EVERY))
    healthy_in, _ = _until(200, time.time(), 60)
    mark = len(stack.sink.messages)
    stopping = time.time()
    stack.worker_stop()  # SIGTERM: running tasks finish first
    stopped = time.time()
    box = {}  # a reminder falls due while the worker is stopped
    maker = threading.Thread(
        target=lambda: box.update(stack.ctl("meeting", f"ALARM {stopped:.0f}"))
    )
    maker.start()
    alarm_in, body = _until(503, stopping, 3 * LIMIT)
    maker.join()
    meeting = box
    time.sleep(max(0, stopped + LIMIT + 3 * EVERY - time.time()))
    pings_while_stopped = pings.kinds(since=stopped + 1)
    _, before_restart = _healthz()  # both limits passed by now
    restarted = time.time()
    _start_worker(stack, pings, limits)
    recovered_in, _ = _until(200, restarted, 90)
    coordinators = stack.ctl("coordinators")
    caught_up = {}

    def arrived():
        caught_up.clear()
        for rcpt, _, subject in stack.sink.messages[mark:]:
            if subject == CAUGHT_UP:
                caught_up[rcpt] = caught_up.get(rcpt, 0) + 1
        return set(caught_up) == set(coordinators)

    stack.wait(arrived, 60)
    time.sleep(5 * EVERY)  # more scans: none may send it again
    arrived()
    notes = stack.ctl("meeting-notes", meeting["pk"])
    reminder = stack.sink.about(meeting["title"])
    after = pings.kinds(since=restarted)
    problems = body.get("problems", [])
    later = before_restart.get("problems", [])
    named = any("worker heartbeat" in p or "reminder scan" in p for p in problems)
    named = named and any("worker heartbeat" in p for p in later)
    named = named and any("reminder scan" in p for p in later)
    ok = (
        healthy_in is not None
        and alarm_in is not None
        and LIMIT - EVERY <= alarm_in <= LIMIT + EVERY + 2
        and named
        and pings_while_stopped == {"start": 0, "success": 0, "fail": 0}
        and after["success"] > 0
        and recovered_in is not None
        and caught_up
        and set(caught_up) == set(coordinators)
        and set(caught_up.values()) == {1}
        and notes["status"] == {"sent": notes["keys"]}
        and reminder == notes["per_recipient"]
    )
    return ok, (
        f"limit {LIMIT} s, beat every {EVERY} s: /healthz 200 {healthy_in and round(healthy_in, 1)} s "
        f"after start; worker stopped (SIGTERM took {stopped - stopping:.1f} s), "
        f"/healthz 503 {alarm_in and round(alarm_in, 1)} s after the SIGTERM "
        f"saying {problems}, and before the restart {later}; pings "
        f"while stopped {pings_while_stopped}; restarted after "
        f"{restarted - stopped:.0f} s: /healthz 200 after "
        f"{recovered_in and round(recovered_in, 1)} s, pings {after}; catch-up "
        f"emails to {len(caught_up)} of {len(coordinators)} coordinators, per "
        f"person {sorted(set(caught_up.values()))}; the reminder due meanwhile "
        f"{notes['status']}, SMTP per person {sorted(reminder.values())}"
    )
