"""The real processes a fault run drives: Redis, SMTP sink, worker, gunicorn."""

import asyncio
import json
import os
import secrets
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
DB = "perf_faults"
REDIS_PORT = 6390
WEB_PORT = 8710
SMTP_PORT = 8725
PING_PORT = 8726  # the dead man's switch stand-in
QUEUE = "faults"


class PingReceiver:
    """A Healthchecks.io stand-in on loopback: records (time, path, body) of
    every ping; the app is given `url` as HEALTHCHECKS_PING_URL."""

    def __init__(self):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        pings = self.pings = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size).decode(errors="replace")
                pings.append((time.time(), self.path, body[:200]))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"OK")

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", PING_PORT), Handler)
        self.url = f"http://127.0.0.1:{PING_PORT}/ping/fault-check"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def kinds(self, since=0.0, until=float("inf")) -> dict:
        """{"start": n, "success": n, "fail": n} for pings in the window."""
        counts = {"start": 0, "success": 0, "fail": 0}
        for at, path, _ in self.pings:
            if since <= at <= until:
                tail = path.rsplit("/", 1)[-1]
                counts[tail if tail in ("start", "fail") else "success"] += 1
        return counts

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Sink:
    """An SMTP server that records recipients; `mode` makes it refuse."""

    def __init__(self):
        self.messages: list[
            tuple[str, str, str]
        ] = []  # (recipient, Message-ID, Subject)
        self.mode = "ok"  # ok | 421 | 451 | reject:<address>
        self.delay = 0.0
        self.controller = None

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.mode in ("421", "451"):
            return f"{self.mode} 4.3.0 try again later"
        if self.mode == f"reject:{address}":
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        headers = {"message-id": "", "subject": ""}
        for line in envelope.content.decode(errors="replace").splitlines():
            if not line:
                break  # end of the headers
            name, _, value = line.partition(":")
            if name.lower() in headers:
                headers[name.lower()] = value.strip()
        for rcpt in envelope.rcpt_tos:
            self.messages.append((rcpt, headers["message-id"], headers["subject"]))
        return "250 OK"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=SMTP_PORT)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def count(self, emails) -> dict:
        wanted = set(emails)
        counts = dict.fromkeys(wanted, 0)
        for rcpt, _, _ in self.messages:
            if rcpt in wanted:
                counts[rcpt] += 1
        return counts

    def about(self, text: str) -> dict:
        """{recipient: messages whose subject mentions `text`}."""
        counts: dict = {}
        for rcpt, _, subject in self.messages:
            if text in subject:
                counts[rcpt] = counts.get(rcpt, 0) + 1
        return counts


class Stack:
    def __init__(self, keep_db=False):
        self.keep_db = keep_db
        self.sink = Sink()
        self.worker = None
        self.beats: list = []
        self.web = None
        self.quick = False
        self.data = {}
        # REL-08/09 point web, worker and beat at a private PostgreSQL cluster
        self.database_url = f"postgres://postgres@127.0.0.1:5432/{DB}"
        self.csrf = secrets.token_hex(16)  # 32 characters: Django accepts it unmasked

    # --- environment -------------------------------------------------------
    def env(self, **extra) -> dict:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            DJANGO_ENV="production",
            SECRET_KEY="faults-" + "f" * 60,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            STATIC_MANIFEST="false",
            CELERY_BROKER_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
            EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}",
            EMAIL_TIMEOUT="5",
            NOTIFICATIONS_QUEUE=QUEUE,
            LOG_LEVEL="ERROR",
            PERF_ENDPOINTS="true",
        )
        env.update(extra)
        return env

    def ctl(self, *args, **extra):
        out = subprocess.run(
            [VENV / "python", ROOT / "benchmarks" / "faultctl.py", *map(str, args)],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if out.returncode:
            raise RuntimeError(out.stderr[-1500:])
        return json.loads(out.stdout.strip().splitlines()[-1])

    # --- processes ---------------------------------------------------------
    def start(self):
        if not self.keep_db:
            subprocess.run(
                [
                    VENV / "python",
                    ROOT / "benchmarks" / "prepare_db.py",
                    DB,
                    "--no-data",
                ],
                check=True,
            )
        else:  # the code may have gained migrations since the database was made
            subprocess.run(
                [VENV / "python", "manage.py", "migrate", "-v0"],
                cwd=ROOT,
                env=self.env(),
                check=True,
            )
        self.redis_start()
        self.sink.start()
        self.data = self.ctl("setup")
        self.web_start()
        self.web_warm_up()
        self.worker_start()

    def stop(self):
        self.beats_stop()
        self.worker_stop()
        self.web_stop()
        self.sink.stop()
        self.redis_stop()

    def redis_start(self, *extra: str):
        """`extra`: more redis-server options, e.g. AOF on for REL-03."""
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--maxmemory-policy",
                "noeviction",
                "--pidfile",
                f"/tmp/nwpsw-faults-redis-{REDIS_PORT}.pid",
                *extra,
            ],
            check=True,
            capture_output=True,
        )
        self.wait(
            lambda: (
                subprocess.run(
                    ["redis-cli", "-p", str(REDIS_PORT), "ping"],
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                == "PONG"
            ),
            10,
        )

    def redis_cli(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), *args],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()

    def redis_stop(self):
        try:  # a scenario that hung Redis and then crashed must not hang the stop
            os.kill(self.redis_pid(), signal.SIGCONT)
        except (OSError, ValueError):
            pass
        subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"],
            capture_output=True,
        )
        time.sleep(0.5)

    def web_start(self):
        """gunicorn as deployed (config/gunicorn.conf.py: gthread, 4 threads), with
        4 workers on the private port."""
        self.web = self.gunicorn(WEB_PORT, 4)

    def gunicorn(self, port: int, workers: int, **env) -> subprocess.Popen:
        """A gunicorn started as deployed on `port`; `env`: settings for it only.
        Its log (the 500s while a database is down, say) goes to
        /tmp/nwpsw-faults-web-<port>.log, not the run's output."""
        log = open(f"/tmp/nwpsw-faults-web-{port}.log", "a")  # noqa: SIM115
        web = subprocess.Popen(
            [
                VENV / "gunicorn",
                "--config",
                "config/gunicorn.conf.py",
                "--access-logfile",
                "/dev/null",
                "--log-level",
                "warning",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=self.env(
                GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers), **env
            ),
            stdout=log,
            stderr=log,
        )
        log.close()  # the child has its own copy
        self.wait(lambda: self._web_up(port), 60)
        return web

    def web_stop(self):
        if self.web:
            self.web.terminate()
            self.web.wait(timeout=30)
            self.web = None

    def web_warm_up(self):
        """Signed-in GETs from 8 clients at once, so each gunicorn worker has loaded
        its code and templates: the scenarios time saves, not first requests."""
        import requests

        def get():
            for _ in range(3):
                requests.get(
                    f"http://127.0.0.1:{WEB_PORT}/accounts/people/",
                    headers={"Cookie": f"__Host-sessionid={self.data['coordinator']}"},
                    timeout=30,
                )

        threads = [threading.Thread(target=get) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _web_up(self, port=WEB_PORT) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/_perf/ping", timeout=2
            ):
                return True
        except OSError:
            return False

    def redis_pid(self) -> int:
        return int(Path(f"/tmp/nwpsw-faults-redis-{REDIS_PORT}.pid").read_text())

    def worker_start(
        self,
        pool="solo",
        concurrency=1,
        queues=QUEUE,
        logfile=None,
        loglevel="ERROR",
        **env,
    ):
        """Its own process group, so a scenario can kill the whole worker at once.
        `env`: settings for this worker only (e.g. LOG_LEVEL, health limits)."""
        self.worker = subprocess.Popen(
            [
                VENV / "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                queues,
                "--pool",
                pool,
                "--concurrency",
                str(concurrency),
                "--loglevel",
                loglevel,
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env(**env),
            stdout=subprocess.DEVNULL,
            stderr=logfile or subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(3)  # connected to the broker and consuming

    def worker_kill_all(self):
        """kill -9 the worker's main process and its pool children together."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait(timeout=20)
        self.worker = None

    def beat_start(self, scan_seconds: float, name: str, **env):
        """A beat whose only entry is the reminder scan, every `scan_seconds`
        (FAULT_HEARTBEAT_SECONDS in `env` adds the worker heartbeat)."""
        for old in Path("/tmp").glob(f"nwpsw-faults-beat-{name}*"):
            old.unlink()  # a fresh schedule: no last-run time carried over
        self.beats.append(
            subprocess.Popen(
                [
                    VENV / "celery",
                    "-A",
                    "faultbeat",
                    "beat",
                    "--schedule",
                    f"/tmp/nwpsw-faults-beat-{name}",
                    "--loglevel",
                    "ERROR",
                ],
                cwd=ROOT,
                env=self.env(
                    FAULT_SCAN_SECONDS=str(scan_seconds),
                    PYTHONPATH=f"{ROOT}:{ROOT / 'benchmarks'}",
                    **env,
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )

    def beats_stop(self):
        for beat in self.beats:
            beat.terminate()
        for beat in self.beats:
            try:
                beat.wait(timeout=20)
            except subprocess.TimeoutExpired:
                beat.kill()
                beat.wait()
        self.beats = []

    def worker_stop(self, sig=signal.SIGTERM):
        if self.worker and self.worker.poll() is None:
            self.worker.send_signal(sig)
            try:
                self.worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
        self.worker = None

    # --- helpers -----------------------------------------------------------
    def post(self, path: str, session: str, data: dict | None = None, timeout=15):
        """A signed-in POST with a CSRF cookie/header pair; returns (status, seconds)."""
        import requests

        started = time.monotonic()
        try:
            response = requests.post(
                f"http://127.0.0.1:{WEB_PORT}{path}",
                data=data or {},
                headers={
                    "Cookie": f"__Host-sessionid={session}; __Host-csrftoken={self.csrf}",
                    "X-CSRFToken": self.csrf,
                },
                allow_redirects=False,
                timeout=timeout,
            )
            status = response.status_code
        except requests.RequestException:
            status = 0
        return status, time.monotonic() - started

    @staticmethod
    def wait(predicate, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.3)
        return False
