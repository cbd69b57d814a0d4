"""The plugin's options validate themselves, alone and together."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import make_project
from generator.config import BriefingConfig


def errors(options: dict) -> list[str]:
    cfg = BriefingConfig()
    cfg.load_dict(options)
    return [f"{name}: {exc}" for name, exc in cfg.validate()[0]]


@pytest.mark.parametrize("options", [{"output": "articles"}, {"output": "articles/generated"},
                                     {"articles": "generated/in"}, {"output": "./articles/"}])
def test_output_and_articles_may_not_overlap(options):
    (problem,) = errors(options)
    assert problem.startswith("output:") and "overlap" in problem


@pytest.mark.parametrize("workers", [0, -2, 65])
def test_workers_are_bounded(workers):
    (problem,) = errors({"workers": workers})
    assert problem.startswith("workers:") and "between 1 and 64" in problem


def test_the_defaults_and_neighbouring_folders_are_fine():
    assert errors({}) == [] and errors({"articles": "news", "output": "news-briefings", "workers": 4}) == []


def test_mkdocs_refuses_overlapping_folders_before_writing_anything(tmp_path):
    root = make_project(tmp_path)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("output: generated", "output: articles"))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert proc.returncode != 0 and "overlap" in proc.stderr + proc.stdout
    assert [p.name for p in (root / "content" / "articles").iterdir()] == []


@pytest.mark.parametrize("option, setting", [("output", "output: articles"), ("workers", "output: generated\n      workers: 0")])
def test_the_command_line_names_the_bad_option_in_one_line_and_exits_2(tmp_path, monkeypatch, option, setting):
    from click.testing import CliRunner

    from generator.cli import Exit, main

    root = make_project(tmp_path)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("output: generated", setting))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--no-site"])
    (line,) = result.output.strip().splitlines()  # MkDocs alone says the error, then "Aborted with a configuration error!"
    assert result.exit_code == Exit.USAGE and f"option '{option}'" in line and line.startswith("Error: mkdocs.yml:")


def test_the_command_line_bounds_workers_as_the_option_does():
    from generator import cli, config

    (workers,) = [p for p in cli.build.params if p.name == "workers"]
    assert (workers.type.min, workers.type.max) == (1, config.MAX_WORKERS)


def test_a_ci_build_with_a_loopback_site_address_is_warned(monkeypatch):
    from generator.build import loopback_in_ci

    monkeypatch.setenv("CI", "true")
    assert loopback_in_ci("http://127.0.0.1:8000/") and loopback_in_ci("http://localhost/")
    assert not loopback_in_ci("https://someone.github.io/briefing/")
    monkeypatch.delenv("CI")
    assert not loopback_in_ci("http://127.0.0.1:8000/")  # at home, serving locally is the point


def test_workers_auto_takes_the_cpus_capped_by_memory(monkeypatch):
    from generator import config

    assert errors({"workers": "auto"}) == [] and errors({"workers": "many"})[0].startswith("workers:")
    monkeypatch.setattr(config.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3}, raising=False)
    pages = {"SC_AVPHYS_PAGES": 64 * 2**20 // 4096 * 100, "SC_PAGE_SIZE": 4096}  # 6.4 GB free
    monkeypatch.setattr(config.os, "sysconf", lambda name: pages[name])
    assert config.resolve_workers("auto") == 4 and config.resolve_workers(2) == 2
    pages["SC_AVPHYS_PAGES"] = 900 * 2**20 // 4096  # 900 MB free: two pipelines fit
    assert config.resolve_workers("auto") == 2
    pages["SC_AVPHYS_PAGES"] = 100 * 2**20 // 4096
    assert config.resolve_workers("auto") == 1


def test_a_few_new_articles_are_parsed_in_the_build_s_own_process(monkeypatch):
    from generator import build, nlp
    from generator.cache import ArticleCache
    from generator.model import Article

    seen = []
    real = nlp.parse
    monkeypatch.setattr(nlp, "parse", lambda texts, workers=1: seen.append(workers) or real(texts, workers=1))
    articles = [Article(id=f"a{i}", title="Talks resume", text="Negotiators met in Geneva on Monday, officials said.")
                for i in range(3)]
    build.analyse_articles(articles, ArticleCache(None, "test"), workers=8)
    assert seen == [1]  # three articles do not pay for starting seven processes
