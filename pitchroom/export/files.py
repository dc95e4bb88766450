"""Nothing half-written: build the output beside the target, then rename it in.

A file is written to a hidden temporary name in the target's folder and moved
into place with ``os.replace`` (atomic on one file system). A folder (the CSV
export) is built the same way; an older folder of that name is moved aside
first and removed only once the new one is in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from pitchroom.export.errors import ExportError
from pitchroom.i18n import t


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def check_target(target: Path, *, folder: bool) -> None:
    """Refuse, before any work, an output that cannot be written."""
    parent = target.parent
    if not parent.is_dir():
        raise ExportError(target, "output", t("export.no_folder", folder=parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(target, "output", t("export.not_writable", folder=parent))
    if folder and target.exists() and not target.is_dir():
        raise ExportError(target, "output", t("export.is_file"))
    if not folder and target.is_dir():
        raise ExportError(target, "output", t("export.is_folder"))


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    check_target(target, folder=False)
    tmp = _temp_beside(target)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as error:
        raise ExportError(target, "output", t("export.cannot_write", error=error)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder to fill; on success it replaces ``target``."""
    check_target(target, folder=True)
    tmp = _temp_beside(target)
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        yield tmp
        moved = target.exists()
        if moved:
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except OSError:
            if moved:
                os.replace(old, target)
            raise
    except OSError as error:
        raise ExportError(target, "output", t("export.cannot_write", error=error)) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
