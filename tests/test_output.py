"""Nothing lost: atomic writes, a manifest of what we made, user files never touched, killed builds recover."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from generator import output


def test_atomic_write_leaves_no_temporary_and_readable_mode(tmp_path):
    target = tmp_path / "a" / "b.md"
    output.atomic_write(target, b"one")
    output.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.md"]
    assert target.stat().st_mode & 0o044 == 0o044


def test_write_if_changed_keeps_the_same_bytes_alone(tmp_path):
    target = tmp_path / "x.md"
    assert output.write_if_changed(target, b"x")
    before = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert not output.write_if_changed(target, b"x")
    assert target.stat().st_mtime_ns == before


def test_only_files_we_made_are_ever_removed(tmp_path):
    out = tmp_path / "generated"
    output.write_tree(out, {"briefings/a.md": b"a", "briefings/b.md": b"b"})
    (out / "briefings" / "mine.md").write_text("a user's own page")
    (out / "notes.md").write_text("a user's notes")
    report = output.write_tree(out, {"briefings/a.md": b"a2"})
    assert report.removed == ["briefings/b.md"] and report.written == ["briefings/a.md"]
    assert (out / "briefings" / "mine.md").read_text() == "a user's own page"
    assert (out / "notes.md").read_text() == "a user's notes"
    assert json.loads((out / output.MANIFEST).read_text())["files"] == ["briefings/a.md"]


@pytest.mark.parametrize("rel", ["../escape.md", "/etc/passwd", "a/../../b.md", "", "..\\..\\b.md", "c:b.md", "a\x00.md"])
def test_paths_that_leave_the_folder_are_refused_before_anything_is_written(tmp_path, rel):
    out = tmp_path / "generated"
    with pytest.raises(ValueError):
        output.write_tree(out, {"ok.md": b"ok", rel: b"x"})
    assert not (out / "ok.md").exists() and not (tmp_path / "escape.md").exists()


def test_a_tampered_manifest_cannot_delete_files_elsewhere(tmp_path):
    out = tmp_path / "generated"
    out.mkdir()
    victim = tmp_path / "article.md"
    victim.write_text("precious")
    (out / output.MANIFEST).write_text(json.dumps({"files": ["../article.md", str(victim), "link/article.md"]}))
    (out / "link").symlink_to(tmp_path)
    output.write_tree(out, {"a.md": b"a"})
    assert victim.read_text() == "precious"


def test_a_symlink_in_the_output_folder_is_not_written_through(tmp_path):
    out = tmp_path / "generated"
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.md").write_text("precious")
    out.mkdir()
    (out / "briefings").symlink_to(articles)
    with pytest.raises(ValueError):
        output.write_tree(out, {"briefings/a.md": b"overwritten"})
    assert (articles / "a.md").read_text() == "precious"


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator import output
    out, version = Path(sys.argv[1]), sys.argv[2]
    files = {f"pages/p{i:04d}.md": (version * 20_000 + f" {i}").encode() for i in range(400)}
    output.write_tree(out, files)
""")


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_write_killed_halfway_leaves_whole_files_and_the_next_write_completes(tmp_path):
    out = tmp_path / "generated"
    subprocess.run([sys.executable, "-c", WRITER, str(out), "o"], check=True)
    old = {k: v for k, v in _files(out).items() if k.startswith("pages/")}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out), "n"])

    def new_pages() -> int:
        n = 0
        for p in (out / "pages").glob("p*.md"):
            try:
                n += p.read_bytes()[:1] == b"n"
            except OSError:
                pass
        return n

    def kill_after_some_writes():
        while proc.poll() is None:
            if new_pages() >= 20:
                os.kill(proc.pid, signal.SIGKILL)
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_after_some_writes)
    killer.start()
    proc.wait(timeout=120)
    killer.join()
    assert proc.returncode == -signal.SIGKILL, "the writer finished before it could be killed"
    now = {k: v for k, v in _files(out).items() if k.startswith("pages/p")}  # (a temporary may be left over)
    assert set(now) == set(old)  # nothing lost
    for k, v in now.items():  # every page is the whole old or the whole new one
        i = int(k[7:11])
        assert v in (("o" * 20_000 + f" {i}").encode(), ("n" * 20_000 + f" {i}").encode())
    subprocess.run([sys.executable, "-c", WRITER, str(out), "n"], check=True)
    done = _files(out)
    assert all(v.startswith(b"n") for k, v in done.items() if k.startswith("pages/"))
    assert not [k for k in done if k.endswith(".tmp")]


def test_killed_build_keeps_the_previous_pages_and_the_next_build_completes(project):
    """The real build, killed with SIGKILL while it writes; users' articles are never touched."""
    from generator.build import Project, build
    from generator.config import BriefingConfig

    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    proj = Project.from_config(project / "content", cfg)
    articles = {p: p.read_bytes() for p in proj.articles.iterdir()}
    build(proj)
    pages = {p: p.read_bytes() for p in (proj.output / "briefings").glob("*.md")}
    assert len(pages) == 3
    template = project / "templates" / "briefing.md.j2"  # every page changes in the next build
    template.write_text(template.read_text() + "\n<!-- changed -->\n")
    script = ("import sys; from pathlib import Path; from generator.build import Project, build; "
              "from generator.config import BriefingConfig; c = BriefingConfig(); c.load_dict({}); c.validate(); "
              "build(Project.from_config(Path(sys.argv[1]), c))")
    proc = subprocess.Popen([sys.executable, "-c", script, str(project / "content")])
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        if any(b"<!-- changed -->" in p.read_bytes() for p in pages):  # it has begun writing
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    middle = {p: p.read_bytes() for p in pages}
    result = build(proj)
    assert not result.problems
    for p, before in pages.items():
        after = p.read_bytes()
        assert b"<!-- changed -->" in after
        assert middle[p] in (before, after), p  # the whole old page or the whole new one
    assert not list(proj.output.rglob("*.tmp"))
    assert {p: p.read_bytes() for p in proj.articles.iterdir()} == articles


def test_two_articles_with_the_same_title_and_id_both_get_pages(project):
    from generator.build import Project, build
    from generator.config import BriefingConfig

    folder = project / "content" / "articles"
    for f in folder.iterdir():
        f.unlink()
    for name, place in (("a.md", "Stepanakert"), ("b.md", "Yerevan")):
        (folder / name).write_text(f"---\nid: same\ntitle: The same title\n---\nOfficials in {place} said the "
                                   f"truce held on Monday.\n")
    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    proj = Project.from_config(project / "content", cfg)
    result = build(proj)
    pages = sorted((proj.output / "briefings").glob("*.md"))
    assert len(pages) == 2
    texts = " ".join(p.read_text() for p in pages)
    assert "Stepanakert" in texts and "Yerevan" in texts
    assert len(result.problems) == 1 and "already used" in str(result.problems[0])
