"""One build of a project at a time: the lock file ``build/.lock``.

The file holds the PID (and command) of the process that builds, and is
emptied when it finishes. A lock whose PID names a live process is honoured;
one left behind by a dead process (killed, crashed, power cut) is taken over.
Where the operating system offers it, the file is also locked with
``fcntl.flock``, so two builds starting at the same instant cannot both see
the lock as free.
"""

from __future__ import annotations

import os
from pathlib import Path

from digest.model import DigestError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = Path("build") / ".lock"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    except OSError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class BuildLock:
    """``with BuildLock(root, "build"):`` runs the body holding the project's lock."""

    def __init__(self, root: Path, command: str = "build"):
        self.path = Path(root) / LOCK_FILE
        self.command = command
        self._fd: int | None = None

    def _holder(self) -> tuple[int, str]:
        try:
            fields = os.read(self._fd, 200).decode("utf-8", "replace").split() if self._fd is not None else []
        except OSError:
            fields = []
        pid = int(fields[0]) if fields and fields[0].isdigit() else 0
        return pid, (fields[1] if len(fields) > 1 else "build")

    def _refuse(self, pid: int, command: str) -> DigestError:
        if command == "serve":
            return DigestError(
                f"the preview, digest serve (process {pid}), is running for this project and rebuilds "
                f"the site by itself on every change; stop it (Ctrl-C) to run digest {self.command}",
                path=str(self.path))
        who = f"digest {command} (process {pid})" if pid else "another digest process"
        return DigestError(
            f"{who} is building this project now; run digest {self.command} again when it has finished "
            f"(if no such process is running, delete the lock file {self.path})",
            path=str(self.path))

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        self._fd = fd
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                pid, command = self._holder()
                self._close()
                raise self._refuse(pid, command) from None
        pid, command = self._holder()
        if pid and pid != os.getpid() and pid_alive(pid):
            self._close()
            raise self._refuse(pid, command)
        # Ours now (a dead holder's PID is overwritten: the stale lock is taken over).
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {self.command}\n".encode())
        os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)  # no PID: nobody holds it
        except OSError:
            pass
        self._close()

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the flock
            self._fd = None

    def __enter__(self) -> "BuildLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
