"""Fault scenarios around PostgreSQL: a crash during POSTs and sends (REL-08)
and two minutes down with worker and beat running (REL-09), both on a PRIVATE
cluster this run starts (initdb into /tmp, port 5441) and never on the shared
server; and a gunicorn worker killed inside a POST's transaction (REL-18), on
the run's own database. Each returns (passed, what was observed)."""

import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from faultparts import DB, QUEUE, WEB_PORT, PingReceiver

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 5441
PG_DIR = Path("/tmp/nwpsw-faults-pg")
DOMAIN = "faults.nwpsw.example"


class PrivatePostgres:
    """A throwaway PostgreSQL 15 cluster in /tmp on 127.0.0.1:5441."""

    url = f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB}"

    def _run(self, *cmd, check=True, **kwargs):
        # PostgreSQL refuses to run as root: as the postgres user when root.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *map(str, cmd)],
            check=check,
            capture_output=True,
            text=True,
            timeout=180,
            **kwargs,
        )

    def init(self):
        shutil.rmtree(PG_DIR, ignore_errors=True)
        PG_DIR.mkdir()
        if os.geteuid() == 0:
            shutil.chown(PG_DIR, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb", "-D", PG_DIR / "data", "-U", "postgres", "-A", "trust"
        )

    def start(self) -> float:
        """Start (after a crash: with recovery); returns the seconds it took."""
        started = time.monotonic()
        options = f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {PG_DIR}"
        self._run(
            PG_BIN / "pg_ctl", "-D", PG_DIR / "data", "-o", options,
            "-l", PG_DIR / "log", "-w", "-t", "120", "start",
        )  # fmt: skip
        return time.monotonic() - started

    def stop(self, mode: str):
        """`fast` is a clean stop, `immediate` a crash (no checkpoint, recovery
        from the WAL on the next start)."""
        self._run(
            PG_BIN / "pg_ctl", "-D", PG_DIR / "data", "-m", mode, "-w", "stop",
            check=False,
        )  # fmt: skip

    def copy_of_shared(self):
        """The run's database, copied from the shared server (read only there)."""
        self._run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", PG_PORT, DB)
        dump = subprocess.Popen(
            [PG_BIN / "pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres",
             "-Fc", DB],
            stdout=subprocess.PIPE,
        )  # fmt: skip
        subprocess.run(
            [PG_BIN / "pg_restore", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U",
             "postgres", "--no-owner", "-d", DB],
            stdin=dump.stdout,
            check=True,
            timeout=300,
        )  # fmt: skip
        dump.wait(timeout=60)

    def remove(self):
        self.stop("fast")
        shutil.rmtree(PG_DIR, ignore_errors=True)


@contextmanager
def private_postgres(stack):
    """Web and worker moved to a private cluster holding a copy of the run's
    database; moved back (and the cluster removed) afterwards."""
    pg = PrivatePostgres()
    shared = stack.database_url
    try:
        pg.init()
        pg.start()
        pg.copy_of_shared()
        stack.worker_stop()
        stack.web_stop()
        stack.database_url = pg.url
        stack.web_start()
        stack.worker_start()
        yield pg
    finally:
        stack.beats_stop()
        stack.worker_stop()
        stack.web_stop()
        stack.database_url = shared
        pg.remove()
        stack.web_start()
        stack.worker_start()


class Inviter:
    """Two clients POSTing invitations until stopped: [(email, status, time)]."""

    def __init__(self, stack, prefix: str):
        self.stack, self.prefix = stack, prefix
        self.results: list = []
        self.halt = threading.Event()
        self.threads = [
            threading.Thread(target=self._client, args=(n,)) for n in (0, 1)
        ]
        for thread in self.threads:
            thread.start()

    def _client(self, offset: int):
        i = offset
        while not self.halt.is_set():
            email = f"{self.prefix}{i}@{DOMAIN}"
            status, _ = self.stack.post(
                "/accounts/people/invite/",
                self.stack.data["coordinator"],
                {"full_name": f"Invitee {i}", "email": email, "role": "coordinator",
                 "trust": ""},
                timeout=10,
            )  # fmt: skip
            self.results.append((email, status, time.time()))
            i += 2
            if status != 302:
                time.sleep(0.2)  # a refused request returns at once

    def stop(self) -> list:
        self.halt.set()
        for thread in self.threads:
            thread.join()
        return self.results


def _whole(rows: dict) -> tuple[list, list]:
    """(whole invitations, partial ones) from faultctl `invitations`."""
    whole = [email for email, parts in rows.items() if parts == [1, 1]]
    return whole, [email for email in rows if email not in whole]


def rel08(stack):
    """PostgreSQL crashes (`pg_ctl stop -m immediate`) during POSTs and sends."""
    size = 600
    down = 3  # seconds between the crash and the start
    with private_postgres(stack) as pg:
        stack.worker_stop()
        stack.worker_start(pool="prefork", concurrency=2)
        made = stack.ctl("fanout", size, f"rel08-{time.time():.0f}")
        ids, emails = made["ids"], made["emails"]
        prefix = f"rel08-{time.time():.0f}-"
        stack.sink.delay = 0.02  # about 100 messages a second with 2 processes
        inviter = Inviter(stack, prefix)
        stack.ctl("enqueue-many", *ids)
        stack.wait(lambda: sum(stack.sink.count(emails).values()) >= size // 5, 60)
        at_crash = sum(stack.sink.count(emails).values())
        crashed = time.time()
        pg.stop("immediate")
        time.sleep(down)
        recovery = pg.start()
        back = time.time()
        time.sleep(10)
        posts = inviter.stop()
        stack.sink.delay = 0.0
        time.sleep(5)  # sends in flight finish
        settled = stack.ctl("status", *ids)["status"]
        # What the 5-minute scan and the 15-minute stale-claim rule do, now.
        stack.ctl("scan", NOTIFICATIONS_STALE_CLAIM_SECONDS="0")
        stack.wait(lambda: all(stack.sink.count(emails).values()), 120)
        time.sleep(3)
        final = stack.ctl("status", *ids)["status"]
        rows = stack.ctl("invitations", prefix)
        worker_alive = stack.worker.poll() is None
    counts = stack.sink.count(emails)
    missing = sum(1 for n in counts.values() if n == 0)
    dupes = sum(n - 1 for n in counts.values() if n > 1)
    acknowledged = [email for email, status, _ in posts if status == 302]
    whole, partial = _whole(rows)
    lost = sorted(set(acknowledged) - set(whole))
    late_errors = [p for p in posts if p[1] != 302 and p[2] > back + 5]
    failed = [p for p in posts if p[1] != 302]
    ok = (
        not lost
        and not partial
        and not late_errors
        and final == {"sent": size}
        and missing == 0
        and dupes == 0
        and worker_alive
    )
    return ok, (
        f"crash after {at_crash}/{size} sends; down {down} s, recovery start "
        f"{recovery:.1f} s; {len(posts)} POSTs: {len(acknowledged)} acknowledged, "
        f"{len(failed)} refused (statuses {sorted({p[1] for p in failed})}), "
        f"refused from 5 s after restart: {len(late_errors)}; acknowledged but "
        f"missing: {len(lost)}; partial invitations: {len(partial)} (whole "
        f"{len(whole)}); outbox 5 s after restart {settled}, after the scans "
        f"{final}; missing {missing}, duplicates {dupes}; worker still running: "
        f"{worker_alive} (crash at {crashed:.0f})"
    )


def _healthz(port=WEB_PORT) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def rel09(stack):
    """PostgreSQL down (2 minutes) with worker and beat running."""
    outage = 20 if stack.quick else stack.pg_down_seconds
    scan = 10
    pings = PingReceiver()
    log = PG_DIR.parent / "nwpsw-faults-rel09-worker.log"
    try:
        with private_postgres(stack) as pg:
            stack.worker_stop()
            with log.open("w") as out:
                stack.worker_start(
                    pool="prefork",
                    concurrency=2,
                    queues=f"{QUEUE},celery",
                    logfile=out,
                    HEALTHCHECKS_PING_URL=pings.url,
                )
            stack.beat_start(scan, "rel09", FAULT_HEARTBEAT_SECONDS="5")
            worker_pid, beat_pid = stack.worker.pid, stack.beats[0].pid
            # Right after a good scan: a reminder falls due, and the database
            # goes before the next scan can record it.
            stack.wait(lambda: pings.kinds()["success"] >= 1, 90)
            mark = time.time()
            stack.wait(lambda: pings.kinds(since=mark)["success"] >= 1, 60)
            meeting = stack.ctl("meeting", f"REL-09 {time.time():.0f}")
            pg.stop("fast")
            stopped = time.time()
            health, exits = set(), []
            while time.time() < stopped + outage:
                health.add(_healthz())
                for name, proc in (("worker", stack.worker), ("beat", stack.beats[0])):
                    if proc.poll() is not None:
                        exits.append(f"{name} exited {proc.returncode}")
                time.sleep(2)
            pg.start()
            back = time.time()
            stack.wait(
                lambda: (
                    (n := stack.ctl("meeting-notes", meeting["pk"]))["keys"]
                    and n["status"] == {"sent": n["keys"]}
                ),
                120,
            )
            time.sleep(2 * scan)  # more scans: none may send it again
            notes = stack.ctl("meeting-notes", meeting["pk"])
            sink = stack.sink.about(meeting["title"])
            alive = (
                stack.worker.poll() is None
                and stack.beats[0].poll() is None
                and stack.worker.pid == worker_pid
                and stack.beats[0].pid == beat_pid
            )
            health_after = _healthz()
    finally:
        pings.stop()
    during = pings.kinds(since=stopped, until=back)
    after = pings.kinds(since=back)
    failures = log.read_text(errors="replace").count("OperationalError")
    log.unlink(missing_ok=True)
    recorded_after = (notes["first_recorded"] or 0) > back
    ok = (
        alive
        and not exits
        and notes["keys"] > 0
        and notes["status"] == {"sent": notes["keys"]}
        and sink == notes["per_recipient"]
        and recorded_after
        and after["success"] > 0
    )
    return ok, (
        f"down {outage} s with beat scanning every {scan} s; worker and beat "
        f"exited: {exits or 'never'}, same processes after: {alive}; /healthz "
        f"while down {sorted(health)}, after {health_after}; pings while down "
        f"{during}, after {after}; worker log OperationalError lines {failures}; "
        f"meeting due at the outage: outbox rows recorded after recovery: "
        f"{recorded_after}, {notes['status']}, SMTP per person "
        f"{sorted(sink.values())} vs rows {sorted(notes['per_recipient'].values())}"
    )


def _waiting_backend(watcher, table: str) -> int | None:
    """The client port of the backend blocked inserting into `table`."""
    row = watcher.execute(
        "SELECT client_port FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND query LIKE %s",
        (f'INSERT INTO "{table}"%',),
    ).fetchone()
    return row[0] if row else None


def _process_on_port(port: int) -> int:
    """The pid owning the loopback TCP connection from local `port`, read from
    /proc (no iproute2 needed): the socket's inode, then whose fd points at it."""
    inode = next(
        fields[9]
        for fields in (
            line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        )
        if int(fields[1].rsplit(":", 1)[1], 16) == port
    )
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd) == f"socket:[{inode}]":
                return int(fd.parts[2])
        except OSError:  # a process or descriptor that has just gone
            continue
    raise LookupError(f"no process holds local port {port}")


def _kill_inside(stack, table: str, email: str) -> dict:
    """POST an invitation, hold it at its insert into `table` (a lock taken
    here), SIGKILL the gunicorn worker serving it, then let go of the lock."""
    import psycopg

    box = {}
    locker = psycopg.connect(stack.database_url)
    locker.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
    # Its own connection: pg_stat_activity is read once per transaction.
    watcher = psycopg.connect(stack.database_url, autocommit=True)

    def post():
        box["status"] = stack.post(
            "/accounts/people/invite/",
            stack.data["coordinator"],
            {"full_name": "Killed mid-POST", "email": email, "role": "coordinator",
             "trust": ""},
            timeout=30,
        )[0]  # fmt: skip

    client = threading.Thread(target=post)
    client.start()
    try:
        stack.wait(lambda: _waiting_backend(watcher, table) is not None, 20)
        pid = _process_on_port(_waiting_backend(watcher, table))
        os.kill(pid, signal.SIGKILL)
        box["pid"] = pid
    finally:
        locker.rollback()  # the backend goes on, finds its client gone, rolls back
        locker.close()
        watcher.close()
        client.join()
    return box


def rel18(stack):
    """A gunicorn worker SIGKILLed mid-POST, inside the invitation's transaction."""
    stamp = f"{time.time():.0f}"
    seen = []
    ok = True
    for table in ("account_emailaddress", "core_notification"):
        email = f"rel18-{stamp}-{table}@{DOMAIN}"
        killed = _kill_inside(stack, table, email)
        time.sleep(1)
        after_kill = stack.ctl("invitations", email)
        retry, _ = stack.post(
            "/accounts/people/invite/",
            stack.data["coordinator"],
            {"full_name": "Retried", "email": email, "role": "coordinator",
             "trust": ""},
        )  # fmt: skip
        after_retry = stack.ctl("invitations", email)
        ok = ok and (
            "pid" in killed
            and killed["status"] in (0, 502)
            and after_kill == {}
            and retry == 302
            and after_retry == {email: [1, 1]}
        )
        seen.append(
            f"held at the insert into {table}, worker {killed.get('pid')} killed: "
            f"client saw {killed.get('status')} (0 = connection error), rows "
            f"after {after_kill or 'none'}; retry {retry}, then {after_retry}"
        )
    return ok, "; ".join(seen)
