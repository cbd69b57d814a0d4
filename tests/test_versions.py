"""Cache keys (generator/versions.py): every file a layer is made from is part of its digest, so no change
can be served stale results, and a change outside a layer keeps its cache."""
from __future__ import annotations

import shutil

import pytest

from generator import versions


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    copy = tmp_path / "generator"
    shutil.copytree(versions.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(versions, "PACKAGE", copy)
    versions.digest.cache_clear()
    yield copy
    versions.digest.cache_clear()


def digests() -> dict[str, str]:
    versions.digest.cache_clear()
    return {layer: versions.digest(layer) for layer in versions.LAYERS}


@pytest.mark.parametrize("path, changed, kept", [
    ("stories.py", {"extraction", "snapshot"}, {"gazetteer", "maps", "render"}),  # story features are cached facts
    ("data/stance_words.tsv", {"extraction", "gazetteer"}, {"snapshot", "maps", "render"}),
    ("extract/quotes.py", {"extraction"}, {"gazetteer", "snapshot", "maps", "render"}),
    ("render/pages.py", {"render"}, {"extraction", "gazetteer", "snapshot", "maps"}),
    ("render/maps.py", {"maps", "render"}, {"extraction", "gazetteer", "snapshot"}),
])
def test_a_change_to_a_file_changes_exactly_the_layers_made_from_it(package_copy, path, changed, kept):
    before = digests()
    target = package_copy / path
    target.write_bytes(target.read_bytes() + b"\n")
    after = digests()
    assert {layer for layer in before if before[layer] != after[layer]} == changed
    assert all(before[layer] == after[layer] for layer in kept)


def test_a_new_file_in_a_layer_changes_it(package_copy):
    before = digests()
    (package_copy / "extract" / "newfacts.py").write_text("X = 1\n")
    assert digests()["extraction"] != before["extraction"]


def test_every_module_of_the_package_is_in_some_layer_or_needs_none():
    """A module that shapes cached results but is in no layer would be served stale results."""
    covered = {f for patterns, _ in versions.LAYERS.values() for p in patterns for f in versions.PACKAGE.glob(p)}
    uncached = {"__init__.py", "api.py", "build.py", "cache.py", "cli.py", "collect.py", "config.py", "export.py",
                "html_worker.py", "output.py", "plugin.py", "versions.py", "extract/__init__.py",
                "engines.py"}
    for f in versions.PACKAGE.rglob("*.py"):
        rel = f.relative_to(versions.PACKAGE).as_posix()
        assert f in covered or rel in uncached, rel
