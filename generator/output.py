"""Writing generated files: atomically, only when changed, and never outside what we own.

A manifest in the output folder lists every file the generator wrote. A file
is only ever removed when the manifest says we made it and the new build no
longer makes it, so files users put anywhere are never touched.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from .clean import one_line

log = logging.getLogger("briefing")

MANIFEST = ".briefing-manifest.json"
LOCK = ".briefing.lock"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


TMP_SUFFIX = ".tmp"
_TMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # what atomic_write's mkstemp names look like


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so a killed build never leaves half a file.
    An error names the file it was writing (a full disk says which)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600 files, which a web server could not read
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
        raise


def cannot_write(exc: OSError, where: Path) -> str:
    """One line for a write that failed, naming its file (a full disk says which): what the
    command line and the plugin both print."""
    return one_line(f"{exc.filename or where}: cannot be written ({exc.strerror or exc})")


_cache_trouble: set[int | None] = set()  # the errors already reported


def cache_write(path: Path, data: bytes) -> bool:
    """Write a file of the cache, which is only ever a help: when it cannot be written (a full disk,
    no permission) say so once for each kind of error, and go on without it."""
    try:
        atomic_write(path, data)
        return True
    except OSError as exc:
        if exc.errno not in _cache_trouble:
            _cache_trouble.add(exc.errno)
            log.warning("warning: %s: cache cannot be written (%s); going on without it",
                        one_line(str(path)), exc.strerror or exc)
        return False


def write_if_changed(path: Path, data: bytes, guard: Callable[[Path], object] | None = None,
                     write: Callable[[Path, bytes], object] | None = None) -> bool:
    """True when the file was (re)written; same bytes leave it and its mtime alone.

    ``guard`` checks the path before anything is written (only then: resolving every path of a
    large site took longer than comparing its bytes); ``write`` writes it (default: atomic_write;
    cache_write for a file of the cache)."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    if guard is not None:
        guard(path)
    (write or atomic_write)(path, data)
    return True


def safe_relpath(rel: str) -> PurePosixPath:
    """``rel`` as a path that cannot leave its folder on any system (no absolute paths, no ``..``,
    no backslashes or drive colons, no control characters)."""
    p = PurePosixPath(rel)
    if not rel or re.search(r"[\x00-\x1f\\:]", rel) or p.is_absolute() or any(part in ("..", "") for part in p.parts):
        raise ValueError(f"unsafe generated path: {rel!r}")
    return p


def inside(out_dir: Path, target: Path, resolved: Path | None = None) -> Path:
    """``target`` after following symbolic links, refused unless it is still inside ``out_dir``
    (a link in the output folder must not make us write over files elsewhere). ``resolved``:
    ``out_dir.resolve()``, when the caller checks many files."""
    real = target.resolve()
    if not real.is_relative_to(resolved or out_dir.resolve()):
        raise ValueError(f"generated path leaves the output folder: {target}")
    return target


def remove_stale_temporaries(out_dir: Path) -> list[str]:
    """Temporary files a killed build left behind (only names that atomic_write makes). Called with
    the folder's lock held (:func:`write_tree` takes it), so no temporary can be a running build's."""
    removed = []
    if not out_dir.is_dir():
        return removed
    for tmp in sorted(out_dir.rglob(f".*{TMP_SUFFIX}")):
        if tmp.is_file() and not tmp.is_symlink() and _TMP_NAME.match(tmp.name):
            tmp.unlink(missing_ok=True)
            removed.append(tmp.relative_to(out_dir).as_posix())
    return removed


def write_manifest(out_dir: Path, files, inputs: dict[str, list[str]] | None = None) -> None:
    data: dict = {"files": sorted(set(files))}
    if inputs:
        data["inputs"] = dict(sorted(inputs.items()))
    write_if_changed(out_dir / MANIFEST, json.dumps(data, indent=1).encode())


def read_inputs(out_dir: Path) -> dict[str, list[str]]:
    """What each generated file was made from at the last build: ``[input digest, sha256 of its bytes]``."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")).get("inputs", {})
        return {str(k): [str(x) for x in v] for k, v in data.items() if isinstance(v, list) and len(v) == 2}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def read_generated(out_dir: Path, rel: str) -> bytes | None:
    """A file we generated before, if it is still there (``None`` for anything else). Callers compare
    its hash with the manifest's, so a file that is not ours is never taken for ours."""
    try:
        return (out_dir / safe_relpath(rel)).read_bytes()
    except (OSError, ValueError):
        return None


def read_manifest(out_dir: Path) -> list[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return [str(x) for x in data.get("files", [])]
    except (OSError, ValueError, AttributeError):
        return []


def write_tree(out_dir: Path, files: dict[str, bytes], owned_outside: dict[Path, bytes] | None = None,
               inputs: dict[str, str] | None = None) -> WriteReport:
    """Make ``out_dir`` hold ``files``: write what changed, remove what we made before and no longer make.

    ``inputs`` (by path: a digest of what the file was made from) goes into the manifest with a hash
    of the file's bytes, so that the next build can take the file as it is when its inputs are the same.

    The manifest first lists both the old and the new files, so that a build killed halfway
    still knows every file it may have written, and the next build can tidy up after it."""
    with locked(out_dir):
        return _write_tree(out_dir, files, owned_outside, inputs)


def _write_tree(out_dir: Path, files: dict[str, bytes], owned_outside: dict[Path, bytes] | None,
                inputs: dict[str, str] | None) -> WriteReport:
    report = WriteReport()
    targets = {rel: out_dir / safe_relpath(rel) for rel in sorted(files)}  # refuse a bad path before writing anything
    old = read_manifest(out_dir)
    root = out_dir.resolve()
    remove_stale_temporaries(out_dir)
    if set(files) - set(old):
        write_manifest(out_dir, [*old, *files])
    for rel, target in targets.items():
        if write_if_changed(target, files[rel], lambda p: inside(out_dir, p, root)):
            report.written.append(rel)
        else:
            report.unchanged += 1
    for path, data in sorted((owned_outside or {}).items()):
        if write_if_changed(path, data):
            report.written.append(str(path))
        else:
            report.unchanged += 1
    for rel in old:
        if rel in files:
            continue
        try:
            target = inside(out_dir, out_dir / safe_relpath(rel), root)
        except ValueError:
            continue
        if target.is_file() and not target.is_symlink():
            target.unlink()
            report.removed.append(rel)
    write_manifest(out_dir, files, {rel: [digest, hashlib.sha256(files[rel]).hexdigest()]
                                    for rel, digest in (inputs or {}).items() if rel in files})
    return report


_held: dict[Path, int] = {}  # folders this process holds the lock of, and how many times
_held_guard = threading.Lock()


@contextlib.contextmanager
def locked(out_dir: Path):
    """One build at a time on one output folder: a second build waits for the first (and says so),
    so neither sweeps, rewrites or cleans what the other is writing. Taken again by the process that
    holds it, it is already held (the plugin holds it for the whole site build, write_tree inside)."""
    key = out_dir.resolve()
    with _held_guard:
        if key in _held:
            _held[key] += 1
            mine = None
        else:
            mine = True
    if mine is None:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK, "a+b") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another build is running on %s; waiting for it", one_line(str(out_dir)))
            fcntl.flock(f, fcntl.LOCK_EX)
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]
            fcntl.flock(f, fcntl.LOCK_UN)
