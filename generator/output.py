"""Writing generated files: atomically, only when changed, and never outside what we own.

A manifest in the output folder lists every file the generator wrote. A file
is only ever removed when the manifest says we made it and the new build no
longer makes it, so files users put anywhere are never touched.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MANIFEST = ".briefing-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file and a rename, so a killed build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """True when the file was (re)written; same bytes leave it and its mtime alone."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write(path, data)
    return True


def safe_relpath(rel: str) -> PurePosixPath:
    """``rel`` as a path that cannot leave its folder (no absolute paths, no ``..``)."""
    p = PurePosixPath(rel)
    if p.is_absolute() or any(part in ("..", "") for part in p.parts) or not p.parts:
        raise ValueError(f"unsafe generated path: {rel!r}")
    return p


def read_manifest(out_dir: Path) -> list[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return [str(x) for x in data.get("files", [])]
    except (OSError, ValueError, AttributeError):
        return []


def write_tree(out_dir: Path, files: dict[str, bytes], owned_outside: dict[Path, bytes] | None = None) -> WriteReport:
    """Make ``out_dir`` hold ``files``: write what changed, remove what we made before and no longer make."""
    report = WriteReport()
    for rel in sorted(files):
        target = out_dir / safe_relpath(rel)
        if write_if_changed(target, files[rel]):
            report.written.append(rel)
        else:
            report.unchanged += 1
    for path, data in sorted((owned_outside or {}).items()):
        if write_if_changed(path, data):
            report.written.append(str(path))
        else:
            report.unchanged += 1
    for rel in read_manifest(out_dir):
        if rel in files:
            continue
        try:
            target = out_dir / safe_relpath(rel)
        except ValueError:
            continue
        if target.is_file():
            target.unlink()
            report.removed.append(rel)
    manifest = json.dumps({"files": sorted(files)}, indent=1).encode()
    write_if_changed(out_dir / MANIFEST, manifest)
    return report
