"""`./portal up` serves the site and runs one background-job worker beside it; Ctrl-C stops both."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings

PORTAL = Path(settings.BASE_DIR) / "portal"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def job_states(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        try:
            return [state for (state,) in connection.execute("SELECT state FROM curation_job")]
        except sqlite3.OperationalError:
            return []


def _interrupt_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_portal_up_runs_a_worker_that_does_jobs_and_ctrl_c_stops_server_and_worker(tmp_path):
    database = tmp_path / "portal.sqlite3"
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ENV"}}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        PORTAL_ADDR=f"127.0.0.1:{port}",
        TASKS_BACKEND="database",
        JOBS_PROGRESS_DIR=str(tmp_path / "progress"),
    )
    portal = subprocess.Popen(
        [str(PORTAL), "up", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives it
        # Ctrl-C's default action, as a terminal gives it: a suite started in the background
        # (`.ci/run &`) inherits SIGINT ignored, and Python then installs no KeyboardInterrupt.
        preexec_fn=_interrupt_as_in_a_terminal,
    )
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/"), timeout=180, what="the development server")
        queued = subprocess.run(
            [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "detect_contradictions", "--background"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "Queued Contradiction run #" in queued.stdout
        wait_for(lambda: job_states(database) == ["done"], timeout=60, what="the worker to run the job")

        os.killpg(portal.pid, signal.SIGINT)  # Ctrl-C in the terminal
        portal.wait(timeout=60)
        wait_for(lambda: not group_alive(portal.pid), timeout=30, what="server and worker to stop")
    finally:
        if group_alive(portal.pid):
            os.killpg(portal.pid, signal.SIGKILL)
