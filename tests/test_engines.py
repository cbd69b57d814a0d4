"""The site engines as one table (generator/engines.py), and the command line's --engine."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import engines
from generator.cli import main


def test_every_engine_is_a_module_of_its_own_and_mkdocs_is_the_default():
    assert set(engines.ENGINES) == {"mkdocs", "properdocs", "zensical"}
    assert engines.DEFAULT == "mkdocs"
    assert {e.name for e in engines.ENGINES.values() if e.runs_plugin} == {"mkdocs", "properdocs"}
    for name, engine in engines.ENGINES.items():
        assert engine.name == name
        cmd = engines.command(engine, "build", "mkdocs.yml", strict=True)
        assert cmd[1:5] == ["-m", engine.module, "build", "-f"] and (cmd[-1] == "--strict") == engine.strict
        assert engines.command(engine, "serve", "x.yml", dev_addr="127.0.0.1:9")[-2:] == ["--dev-addr", "127.0.0.1:9"]


def test_an_unknown_engine_is_named_with_the_choices():
    with pytest.raises(engines.EngineError, match="unknown site engine 'hugo': choose one of mkdocs, properdocs, zensical"):
        engines.get("hugo")
    result = CliRunner().invoke(main, ["build", "--engine", "hugo"])
    assert result.exit_code == 2 and "'hugo' is not one of" in result.output


def test_the_generated_configuration_reads_the_pages_without_the_articles_and_leaves_mkdocs_yml_alone(tmp_path):
    config = tmp_path / "mkdocs.yml"
    original = "site_name: S\ndocs_dir: content\n"
    config.write_text(original)
    docs = tmp_path / "content"
    for rel in ("index.md", "articles/a.md", "articles/sub/b.txt", "generated/briefings/x.md", "generated/.briefing.lock",
                "stylesheets/s.css"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(rel)
    zensical = engines.ENGINES["zensical"]
    written = engines.site_config(zensical, config, docs, "articles")
    assert written == tmp_path / ".briefing-zensical.yml"  # next to mkdocs.yml: zensical's project root
    assert config.read_text() == original
    from mkdocs.utils.yaml import yaml_load

    data = yaml_load(written.read_text())
    assert data == {"INHERIT": "mkdocs.yml", "docs_dir": ".cache/briefing/zensical-docs"}
    mirror = tmp_path / data["docs_dir"]
    files = sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*") if p.is_file())
    assert files == ["generated/briefings/x.md", "index.md", "stylesheets/s.css"]  # no article, no lock file
    assert (mirror / "index.md").samefile(docs / "index.md")  # linked, not copied

    (docs / "generated" / "briefings" / "x.md").unlink()  # the generator replaces a page, removes another
    (docs / "index.md").unlink()
    (docs / "index.md").write_text("new home")
    engines.site_config(zensical, config, docs, "articles")
    assert (mirror / "index.md").read_text() == "new home"
    assert not (mirror / "generated" / "briefings" / "x.md").exists()
    assert engines.site_config(engines.ENGINES["mkdocs"], config, docs, "articles") == config  # the plugin does it


def test_a_missing_engine_is_one_line_that_says_what_to_install(monkeypatch, tmp_path):
    engine = engines.ENGINES["zensical"]
    real = engines.importlib.util.find_spec
    monkeypatch.setattr(engines.importlib.util, "find_spec", lambda name: None if name == "zensical" else real(name))
    assert engines.missing(engine) == "the site engine zensical is not installed (pip install 'briefing[engines]')"
    with pytest.raises(engines.EngineError, match="not installed"):
        engines.build_site(engine, tmp_path / "mkdocs.yml", tmp_path, "articles")


def test_an_engine_failure_is_the_line_that_says_why():
    colour = "\x1b[33mWarning:\x1b[0m page does not exist\n   \x1b[38;5;246m╭─[\x1b[0m zz.md:3:5 \x1b[38;5;246m]\x1b[0m\nTraceback\nRuntimeError: x\n"
    assert engines.reason(colour, 1) == "zz.md:3:5: Warning: page does not exist"
    assert engines.reason("INFO - a\nWARNING -  Doc file 'a.md' contains a link\nAborted", 1).startswith("WARNING -  Doc file")
    assert engines.reason("", 3) == "exit status 3"


def test_signature_sees_an_added_an_edited_and_a_removed_file(tmp_path):
    (tmp_path / "a.md").write_text("a")
    first = engines.signature([tmp_path, tmp_path / "missing"])
    (tmp_path / "b.md").write_text("b")
    second = engines.signature([tmp_path])
    (tmp_path / "a.md").write_text("aa")
    third = engines.signature([tmp_path])
    (tmp_path / "b.md").unlink()
    assert len({first, second, third, engines.signature([tmp_path])}) == 4


@pytest.mark.parametrize("name", ["zensical", "properdocs"])
def test_an_engine_builds_a_project_named_from_another_folder(tmp_path, monkeypatch, name):
    """`briefing build -f sub/mkdocs.yml` from elsewhere: the engine runs in the project's folder."""
    engine = engines.ENGINES[name]
    if why := engines.missing(engine):
        pytest.skip(why)
    project = tmp_path / "sub"
    (project / "content" / "articles").mkdir(parents=True)
    (project / "content" / "index.md").write_text("# Home\n\nBriefings.\n")
    (project / "content" / "articles" / "a.md").write_text("# An article\n\nRaw text.\n")
    (project / "mkdocs.yml").write_text("site_name: S\ndocs_dir: content\nsite_dir: site\ntheme:\n  name: material\n"
                                        "exclude_docs: |\n  articles/\n")
    monkeypatch.chdir(tmp_path)
    engines.build_site(engine, Path("sub/mkdocs.yml"), project / "content", "articles")
    assert (project / "site" / "index.html").is_file()
    assert not (project / "site" / "articles").exists()
    bad = project / "content" / "index.md"
    bad.write_text("# Home\n\n[gone](nowhere.md)\n")
    if engine.strict:
        with pytest.raises(engines.EngineError, match="nowhere.md"):
            engines.build_site(engine, Path("sub/mkdocs.yml"), project / "content", "articles", strict=True)
