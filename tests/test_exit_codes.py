"""The command line's exit codes mean one thing each (cli.Exit), and the README's table says which."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from click.testing import CliRunner

from generator.cli import Exit, main

from conftest import FIXTURES, make_project

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def test_the_readme_table_of_exit_codes_is_the_code_s():
    table = re.search(r"<!-- exit-codes:.*?-->(.*?)<!-- /exit-codes -->", README, re.S)
    assert table, "README lacks the exit-codes table"
    rows = dict(re.findall(r"^\| `(\d)` \| (\w+) \|", table.group(1), re.M))
    assert rows == {str(int(code)): code.name for code in Exit}


def test_add_names_each_refused_source_as_an_error_adds_the_rest_and_exits_1(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    good = tmp_path / "good.txt"
    good.write_text("Talks resume in Geneva\n\n" + "Negotiators met in Geneva on Monday, officials said. " * 5)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["add", str(tmp_path / "nope.txt"), str(good)])
    assert result.exit_code == Exit.REFUSED
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "nope.txt" in errors[0]
    assert not any(line.startswith("warning:") for line in result.stderr.splitlines())
    assert len(list((root / "content" / "articles").iterdir())) == 1


def test_a_bad_configuration_or_no_feeds_is_a_usage_error(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["fetch"])  # the demo's mkdocs.yml lists no feeds
    assert result.exit_code == Exit.USAGE and "no feeds" in result.output
    (root / "broken.yml").write_text("site_name: [unclosed\n")
    result = CliRunner().invoke(main, ["build", "--no-site", "-f", "broken.yml"])
    assert result.exit_code == Exit.USAGE and "broken.yml" in result.output


def test_strict_build_with_a_refused_article_exits_1(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p", FIXTURES / "articles")
    (root / "content" / "articles" / "empty.md").write_text("---\ntitle: Nothing\n---\n")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--no-site", "--strict"])
    assert result.exit_code == Exit.REFUSED and "empty.md" in result.output


def make(*args: str) -> str:
    proc = subprocess.run(["make", "-n", "-B", *args], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_make_site_installs_the_runtime_only_and_make_test_adds_the_test_tools():
    assert "pip install" in make("site") and "[test]" not in make("site") and "[test]" not in make("serve")
    assert "'.[test]'" in make("test")


def test_make_serve_takes_host_and_port():
    assert "--dev-addr 127.0.0.1:8000" in make("serve")
    assert "--dev-addr 0.0.0.0:8123" in make("serve", "HOST=0.0.0.0", "PORT=8123")


def test_a_site_engine_that_fails_after_generation_exits_3_and_keeps_the_pages(tmp_path, monkeypatch):
    """Not 2 ("nothing was done"): the briefings were generated, only the site was not built."""
    from generator import engines

    root = make_project(tmp_path / "p", FIXTURES / "articles")
    real = engines.importlib.util.find_spec
    monkeypatch.setattr(engines.importlib.util, "find_spec", lambda name: None if name == "zensical" else real(name))
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--engine", "zensical"])
    assert result.exit_code == Exit.SITE
    assert "zensical is not installed" in result.output and "pages were generated" in result.output
    assert list((root / "content" / "generated").rglob("*.md"))


def test_an_article_without_a_date_is_named_in_a_note_that_strict_mode_does_not_fail_on(tmp_path, monkeypatch):
    root = make_project(tmp_path / "p")
    articles = root / "content" / "articles"
    body = "Talks resume in Geneva\n\n" + "Negotiators met in Geneva on Monday, officials said. " * 5
    (articles / "dated.md").write_text("---\ntitle: Talks resume\ndate: 2020-11-10\n---\n" + body)
    (articles / "undated.md").write_text("---\ntitle: Talks resume again\n---\n" + body)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--no-site", "--strict"])
    assert result.exit_code == Exit.DONE
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "undated.md" in notes[0] and "no publication date" in notes[0]
