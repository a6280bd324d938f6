"""Files written safely on a local disk or network drive, without loading pandas or a job.

Outputs are written to a temporary file beside the target and renamed, with the mode the umask
asks for; before a run the output folder is checked and the temporary files a crash left are
removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from automations.errors import OutputUnavailable

if TYPE_CHECKING:
    from automations.config import Settings

TEMPORARY_PREFIX = ".tmp-"
STALE_SECONDS = 3600  # a temporary file older than this was left by a crash, not by a run still writing


def local_preflight(settings: Settings) -> None:
    """Before any job: the output folder exists and takes files; crash leftovers are removed."""
    check_writable(settings.output_path, "output_dir")
    remove_stale_temporaries(settings.output_path)
    if settings.state_path.is_dir():
        remove_stale_temporaries(settings.state_path)


def _umask() -> int:
    """The process umask (reading it means setting it back; outputs are written from one thread)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(target: Path, content: bytes) -> None:
    """Write to a temporary file beside the target and rename it into place, with the umask's mode."""
    mode = 0o666 & ~_umask()  # mkstemp creates 0600; a report nobody else can open is no report
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def check_writable(folder: Path, setting: str) -> None:
    """OutputUnavailable naming the path and the missing permission, before anything is written."""
    if folder.exists() and not folder.is_dir():
        raise OutputUnavailable(f"output folder {folder} is a file, not a folder: move the file away or set "
                                f"{setting} in automations.toml to another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        blocking = next((parent for parent in (folder, *folder.parents) if parent.exists()), folder)
        kind = "not a folder" if not blocking.is_dir() else f"not writable (mode {blocking.stat().st_mode & 0o777:o})"
        raise OutputUnavailable(
            f"output folder {folder} cannot be written: {error.strerror or error}; {blocking} is {kind} for user "
            f"id {os.geteuid()}. Grant write permission there or set {setting} in automations.toml"
        ) from error


def remove_stale_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Delete ``.tmp-*`` files a crashed run left behind (a run still writing has younger ones)."""
    removed: list[Path] = []
    limit = time.time() - older_than
    for root, _, files in os.walk(folder):
        for name in files:
            if not name.startswith(TEMPORARY_PREFIX):
                continue
            path = Path(root) / name
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed.append(path)
    return removed
