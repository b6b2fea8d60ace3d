"""A hung Redis broker must not hold up a save (REL-02).

A private redis-server on a free loopback port takes one message, is then
stopped with SIGSTOP (it still completes TCP handshakes from the kernel's
backlog but never answers), and two more messages are queued against it the
way a view queues one after saving. Each must give up within 3 s.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Stops the broker between the first (working) message and the next two.
QUEUE_THREE = """
import os, signal, sys, time, django
django.setup()
from core import tasks
tasks.enqueue_batch([1])
os.kill(int(sys.argv[1]), signal.SIGSTOP)
for _ in range(2):
    started = time.monotonic()
    tasks.enqueue_batch([1])
    print(time.monotonic() - started, flush=True)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_queueing_against_a_hung_redis_gives_up_within_three_seconds():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed: cannot hang a real broker")
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings",
        CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0",
        NOTIFICATIONS_QUEUE="hang-test",
        PYTHONPATH=str(ROOT),
    )
    try:
        time.sleep(0.5)  # listening
        out = subprocess.run(
            [sys.executable, "-c", QUEUE_THREE, str(redis.pid)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        redis.send_signal(signal.SIGCONT)
        redis.terminate()
        redis.wait(timeout=10)
    assert out.returncode == 0, out.stderr[-2000:]
    seconds = [float(line) for line in out.stdout.split()]
    assert len(seconds) == 2
    assert max(seconds) <= 3, f"queueing took {seconds} s against a hung broker"
