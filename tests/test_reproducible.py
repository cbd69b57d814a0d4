"""Reproducible: the same articles give a byte-identical site/, whatever folder it is built in.

``SOURCE_DATE_EPOCH`` fixes the one date a build may print (MkDocs' sitemap and build date);
nothing else may depend on the time, the folder, random ids or set order.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, make_project

EPOCH = "1604966400"  # 2020-11-10


def _build(root: Path, env: dict) -> None:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr


def _hashes(site: Path) -> dict[str, str]:
    out = {}
    for p in sorted(site.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            if p.suffix == ".gz":
                data = gzip.decompress(data)  # the archive's own header must match too, see below
            out[p.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return out


def test_two_builds_in_two_folders_are_byte_identical(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "random"}
    first = make_project(tmp_path / "one", FIXTURES / "articles")
    second = make_project(tmp_path / "two" / "deeper", FIXTURES / "articles")
    _build(first, env)
    _build(second, {**env, "PYTHONHASHSEED": "12345"})  # set order may not leak into the output
    a, b = _hashes(first / "site"), _hashes(second / "site")
    assert a.keys() == b.keys()
    differ = sorted(k for k in a if a[k] != b[k])
    assert differ == []
    for name in ("sitemap.xml.gz",):  # byte-identical archives, not only their contents
        assert (first / "site" / name).read_bytes() == (second / "site" / name).read_bytes()
    sitemap = (first / "site" / "sitemap.xml").read_text()
    assert "2020-11-10" in sitemap  # the date comes from SOURCE_DATE_EPOCH, not the clock
    for folder in (first, second):
        assert str(folder) not in "".join(p.read_text(errors="replace") for p in (folder / "site").rglob("*.html"))


def test_a_fresh_clone_with_the_cache_restored_extracts_nothing_and_builds_the_same_site(tmp_path):
    """What the Pages workflow does: a fresh checkout, the extraction cache restored (actions/cache puts
    back .cache/briefing), `make site`. The second build parses nothing and gives the same site."""
    import shutil

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    first = make_project(tmp_path / "run-1", FIXTURES / "articles")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=first, capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0 and "3 extracted" in proc.stderr, proc.stderr
    saved = tmp_path / "cache-artifact"
    shutil.copytree(first / ".cache" / "briefing", saved)  # what the cache action uploads
    second = make_project(tmp_path / "run-2", FIXTURES / "articles")  # a new runner: a fresh checkout
    shutil.copytree(saved, second / ".cache" / "briefing")  # ... and the cache action restores it
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=second, capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0 and "0 extracted, 3 from cache" in proc.stderr, proc.stderr
    assert _hashes(first / "site") == _hashes(second / "site")
    assert _hashes(first / "content" / "generated") == _hashes(second / "content" / "generated")
