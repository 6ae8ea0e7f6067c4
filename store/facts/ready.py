"""Which of the facts pass's late outputs are in place: a marker per output written after it, the background job that
writes them, and the wait of a reader for the one output it reads.

The facts pass writes its core (events in journey order, journey facts, transitions, stage positions, quarantine,
meta) and the dataset is usable; the late outputs (``LATE``) are written afterwards, each into a folder of its own,
moved into the facts folder whole and then marked done (``.done-<output>``, written last). A pass killed midway leaves
an unmarked output, which the next open writes again; a reader never sees a half-written file.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import settings
from errors import DataError
from i18n import Message

# In the order the late pass writes them: the comments first (the overview's detractor words wait for their keywords),
# then what makes filter changes fast (the overview reads the events until then), then the paths, the personas' input.
LATE = ("comments", "touchpoint_cube", "journey_stages", "steps", "touchpoint_steps", "customer_features")
_POLL_SECONDS = 0.05
# The longest a held late pass waits for its release (``start(..., hold=True)``) before writing anyway.
HOLD_SECONDS = 30.0


def marker(facts_dir: str | os.PathLike, output: str) -> Path:
    return Path(facts_dir) / f".done-{output}"


def done(facts_dir: str | os.PathLike, output: str) -> bool:
    """Whether ``output`` of this facts folder was written whole (its marker is there)."""
    return marker(facts_dir, output).exists()


def mark(facts_dir: str | os.PathLike, output: str) -> None:
    """Mark ``output`` done: after its file was moved into place, never before."""
    target = marker(facts_dir, output)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    tmp.write_bytes(b"")
    tmp.replace(target)


def pending(facts_dir: str | os.PathLike, late: tuple[str, ...]) -> list[str]:
    """The late outputs of ``late`` not yet marked done."""
    return [output for output in late if not done(facts_dir, output)]


def in_place(facts_dir: str | os.PathLike, late: tuple[str, ...], output: str) -> bool:
    """Whether ``output`` can be read now: marked done, or not a late output of these facts (facts written before
    the late pass existed, or by another engine: ``late`` empty). A reader with another way to the same figures (the
    touchpoint cube and the journey stages: the events) takes it while this is False, instead of waiting."""
    return output not in late or done(facts_dir, output)


@dataclass
class Job:
    """A late pass running in this process: what it writes, how far it is, and its error if it failed."""

    outputs: tuple[str, ...]
    written: list[str] = field(default_factory=list)
    current: str | None = None
    errors: dict[str, BaseException] = field(default_factory=dict)  # output -> why it was not written
    thread: threading.Thread | None = None
    # Set when the job may write: at once, or (held) when released (``release``) or after HOLD_SECONDS.
    released: threading.Event = field(default_factory=threading.Event)

    @property
    def held(self) -> bool:
        return not self.released.is_set()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    @property
    def fraction(self) -> float:
        return len(self.written) / len(self.outputs) if self.outputs else 1.0


_jobs: dict[str, Job] = {}
_guard = threading.Lock()


def job(facts_dir: str | os.PathLike) -> Job | None:
    """The late pass of this facts folder started in this process, if any."""
    with _guard:
        return _jobs.get(str(facts_dir))


def start(facts_dir: str | os.PathLike, outputs: tuple[str, ...],
          write: Callable[[str, Job], None], hold: bool = False) -> Job:
    """Run ``write(output, job)`` for each of ``outputs`` in a background thread (at most one per facts folder in this
    process; a finished or failed one is replaced); returns the job.

    ``hold``: the thread waits before its first write until ``release`` (the page that opened the data was drawn, a
    reader waits for an output, a join) or HOLD_SECONDS, so the late pass does not compete with the first page's
    queries."""
    key = str(facts_dir)
    with _guard:
        running = _jobs.get(key)
        if running is not None and running.running:
            if not hold:
                running.released.set()
            return running
        new = Job(outputs=tuple(outputs))
        if not hold:
            new.released.set()

        def run() -> None:
            new.released.wait(HOLD_SECONDS)
            new.released.set()
            for output in new.outputs:
                new.current = output
                try:
                    write(output, new)
                except BaseException as exc:  # raised to whoever waits for it; the other outputs are still written
                    new.errors[output] = exc
                new.written.append(output)
            new.current = None

        new.thread = threading.Thread(target=run, name="cxlens-late-facts", daemon=True)
        _jobs[key] = new
        new.thread.start()
        return new


def release(facts_dir: str | os.PathLike) -> None:
    """Let this process's held late pass of the facts folder write now (nothing when there is none)."""
    running = job(facts_dir)
    if running is not None:
        running.released.set()


def release_after(facts_dir: str | os.PathLike, seconds: float) -> None:
    """``release`` once ``seconds`` have passed (nothing when there is no held pass): a reader that waits for an output
    still releases it at once."""
    running = job(facts_dir)
    if running is not None and not running.released.is_set():
        timer = threading.Timer(seconds, running.released.set)
        timer.daemon = True
        timer.start()


def wait(facts_dir: str | os.PathLike, late: tuple[str, ...], output: str, timeout: float | None = None,
         release_hold: bool = True) -> None:
    """Return once ``output`` is in place: at once when it is marked done or is not a late output of these facts
    (facts written before the late pass existed, or by another engine: ``late`` empty); else wait for the late pass
    writing it (this process's or another's), releasing it when held — unless ``release_hold`` is false (a
    background step that must not start the pass before the first page is drawn: it waits for the release too).
    Raises the pass's error if it failed, and a DataError naming the output after ``timeout`` seconds (default: the
    ``late_facts_timeout_seconds`` setting) of waiting for the output itself."""
    if in_place(facts_dir, late, output):
        return
    running = job(facts_dir)
    if release_hold:
        release(facts_dir)  # a reader waiting on a held pass would otherwise wait for the hold
    elif running is not None:
        running.released.wait(HOLD_SECONDS)  # the pass's own thread gives up holding after HOLD_SECONDS too
    limit = settings.get_int("late_facts_timeout_seconds") if timeout is None else timeout
    deadline = time.monotonic() + limit
    while not done(facts_dir, output):
        running = job(facts_dir)
        if running is not None and output in running.errors:
            raise running.errors[output]
        if time.monotonic() > deadline:
            raise DataError("late_facts_timeout", output=Message(f"late_output_{output}"), seconds=int(limit))
        time.sleep(_POLL_SECONDS)


def join(facts_dir: str | os.PathLike, timeout: float | None = None) -> None:
    """Wait for this process's late pass of the facts folder to end (an upload's folder before it is removed). An
    output's error is raised to its readers, not here. A held pass is released first."""
    running = job(facts_dir)
    if running is not None and running.thread is not None:
        running.released.set()
        running.thread.join(timeout)


def join_all(timeout: float | None = None) -> None:
    """Wait for every late pass of this process to end (report.py before it exits: a pass cut off at exit would be
    written again by the next open)."""
    with _guard:
        keys = list(_jobs)
    for key in keys:
        join(key, timeout)


# A late pass still running when the interpreter exits (a test run, a stopped server) is waited for: a daemon thread
# inside DuckDB when the interpreter finalises aborts the process ("terminate called…") and its exit code with it.
atexit.register(join_all)


def join_under(folder: str | os.PathLike, timeout: float = 60.0) -> None:
    """Wait for this process's late passes writing below ``folder`` (a session's upload directory about to be removed:
    removing a folder while a pass still writes into it would leave the pass's files behind)."""
    prefix = str(Path(folder))
    with _guard:
        keys = [key for key in _jobs if key.startswith(prefix)]
    for key in keys:
        join(key, timeout)
