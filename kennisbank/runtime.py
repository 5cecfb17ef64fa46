"""What a build run owns: its lock, its temporary folders, its child processes, and how signals end them.

- `BuildLock`: one build at a time per build folder (an flock on build/build.lock); a second build waits.
- `temp_dir(prefix)`: a temporary folder inside the current run's folder (build/runs/<pid>), removed
  with it; outside a build, the system's temporary folder.
- `run_child(args, ...)`: a subprocess that is killed when the build is interrupted and that the
  kernel ends when the build dies (PR_SET_PDEATHSIG), so that no renderer keeps writing after a kill.
- `on_signals()`: SIGTERM, SIGINT and SIGHUP raise `Interrupted` in the build, so that every
  `finally` runs: children are ended, temporary folders removed, the lock released.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
_run_dir: Path | None = None
_children: set[subprocess.Popen] = set()


class Interrupted(BaseException):
    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


class BuildLock:
    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self, wait: bool = True) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            if not wait:
                os.close(fd)
                raise LockedError(f"another build is running (pid {holder}, lock {self.path}); try again when it has finished")
            print(f"another build is running (pid {holder}); waiting for it to finish", file=sys.stderr, flush=True)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class LockedError(Exception):
    pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def run_folder(build: Path):
    """build/runs/<pid>: this run's temporary folder; folders of runs that died are removed first."""
    global _run_dir
    runs = build / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    for old in runs.iterdir():
        if not (old.name.isdigit() and _alive(int(old.name)) and int(old.name) != os.getpid()):
            shutil.rmtree(old, ignore_errors=True)
    here = runs / str(os.getpid())
    here.mkdir()
    _run_dir = here
    try:
        yield here
    finally:
        _run_dir = None
        shutil.rmtree(here, ignore_errors=True)


def temp_dir(prefix: str) -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix=prefix, dir=_run_dir)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def run_child(args: list[str], *, input: str, env: dict, cwd: str) -> None:
    """Run a child to completion; end it if this process is interrupted or dies."""
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, text=True, env=env, cwd=cwd, preexec_fn=_die_with_parent)
    _children.add(proc)
    try:
        proc.communicate(input)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        _children.discard(proc)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, args)


def _raise(signum, frame):
    for proc in list(_children):
        if proc.poll() is None:
            proc.kill()
    raise Interrupted(signum)


@contextmanager
def on_signals():
    previous = {sig: signal.signal(sig, _raise) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def signals_blocked():
    """No signal handler runs inside: a swap is all or nothing, and its outcome is recorded."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if os.environ.get("KB_NO_RENAME_EXCHANGE"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(a))
