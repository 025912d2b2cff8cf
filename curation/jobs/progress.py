"""Live progress, heartbeats and cancel requests of running jobs, shared between processes.

They travel through the "jobs" cache (Redis when REDIS_URL is set, otherwise files every process
on the machine shares), not the database: an import holds its write transaction open until the
end, and on SQLite no other connection could write a progress row meanwhile. The job row gets
its final counts when the job ends.
"""

from __future__ import annotations

import sys
import threading
import time

from django.core.cache import caches
from django.db import connections

# Progress is written at most this often (seconds): a row loop calls advance() per row.
WRITE_INTERVAL = 0.5
HEARTBEAT_INTERVAL = 2.0
KEY_TIMEOUT = 7 * 24 * 3600


class JobCancelled(Exception):
    """Raised inside a job's work when someone asked to cancel it; the work's transaction rolls back."""


def _cache():
    return caches["jobs"]


def _key(job_id: int, what: str) -> str:
    # The database name keeps jobs of different databases (tests, a second checkout) apart.
    database = str(connections["default"].settings_dict["NAME"]).replace("/", "_").replace(" ", "_")
    return f"job:{database}:{job_id}:{what}"


def live_progress(job_id: int) -> dict | None:
    """What the job's worker last reported: {'done', 'total', 'phase', 'at'}."""
    return _cache().get(_key(job_id, "progress"))


def last_heartbeat(job_id: int) -> float | None:
    return _cache().get(_key(job_id, "heartbeat"))


def request_cancel(job_id: int) -> None:
    _cache().set(_key(job_id, "cancel"), True, KEY_TIMEOUT)


def cancel_requested(job_id: int) -> bool:
    return bool(_cache().get(_key(job_id, "cancel")))


def forget(job_id: int) -> None:
    _cache().delete_many([_key(job_id, what) for what in ("progress", "heartbeat", "cancel")])


class Progress:
    """What work reports as it goes: a phase, a total and items done. This base reports nowhere."""

    def __init__(self):
        self.done = 0
        self.total: int | None = None
        self.phase = ""

    def begin(self, *, total: int | None, phase: str = "") -> None:
        self.done = 0
        self.total = total
        self.phase = phase

    def advance(self, count: int = 1) -> None:
        self.done += count

    def set_phase(self, phase: str) -> None:
        """A new step of the same work (the count stays)."""
        self.phase = phase

    def close(self) -> None:
        pass


class TerminalProgress(Progress):
    """A tqdm bar on the command's terminal (drawn only when stderr is one)."""

    def __init__(self, *, unit: str = "row", description: str = ""):
        super().__init__()
        self.unit = unit
        self.description = description
        self.bar = None

    def begin(self, *, total: int | None, phase: str = "") -> None:
        from tqdm import tqdm

        super().begin(total=total, phase=phase)
        self.close()
        self.bar = tqdm(
            total=total,
            unit=self.unit,
            desc=phase or self.description,
            disable=not sys.stderr.isatty(),
            file=sys.stderr,
        )

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        if self.bar is not None:
            if self.phase and getattr(self.bar, "desc", self.phase) != self.phase:
                self.bar.set_description(self.phase, refresh=False)
            self.bar.update(count)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class JobProgress(Progress):
    """Reports to the jobs cache for the admin's progress bar, and stops the work when cancelled."""

    def __init__(self, job_id: int):
        super().__init__()
        self.job_id = job_id
        self._written_at = 0.0

    def begin(self, *, total: int | None, phase: str = "") -> None:
        super().begin(total=total, phase=phase)
        self._write(force=True)

    def advance(self, count: int = 1) -> None:
        super().advance(count)
        self._write()

    def set_phase(self, phase: str) -> None:
        super().set_phase(phase)
        self._write(force=True)

    def _write(self, *, force: bool = False) -> None:
        now = time.time()
        if not force and now - self._written_at < WRITE_INTERVAL:
            return
        self._written_at = now
        _cache().set(
            _key(self.job_id, "progress"),
            {"done": self.done, "total": self.total, "phase": self.phase, "at": now},
            KEY_TIMEOUT,
        )
        if cancel_requested(self.job_id):
            raise JobCancelled()


class Heartbeat:
    """A thread that says "this worker is alive" every few seconds while a job runs.

    A worker killed with kill -9 stops beating; `runner.jobs_fail_stale` then marks its job failed.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job-{job_id}-heartbeat", daemon=True)
        # The thread builds the cache key from the database name, read here once.
        self._key = _key(job_id, "heartbeat")

    def _run(self) -> None:
        cache = _cache()
        while not self._stop.is_set():
            cache.set(self._key, time.time(), KEY_TIMEOUT)
            self._stop.wait(HEARTBEAT_INTERVAL)

    def __enter__(self):
        _cache().set(self._key, time.time(), KEY_TIMEOUT)
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=5)
