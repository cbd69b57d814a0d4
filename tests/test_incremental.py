"""Regeneration: an added article rewrites only what it affects; a removed one takes its pages with it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.build import Project, build
from generator.config import BriefingConfig

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def project_for(root: Path) -> Project:
    cfg = BriefingConfig()
    cfg.load_dict({})
    cfg.validate()
    return Project.from_config(root / "content", cfg)


def test_adding_and_removing_an_article(project):
    proj = project_for(project)
    articles = sorted((project / "content" / "articles").glob("*.md"))
    held_back = articles[-1]
    shutil.move(held_back, project / "held.md")
    first = build(proj)
    assert first.extracted == 2

    shutil.move(project / "held.md", held_back)
    second = build(proj)
    assert second.extracted == 1 and second.cached == 2
    facts = sorted(p.name.split(".")[1] for p in proj.cache.rglob("*.json") if p.name.endswith((".facts.json", ".story.json")))
    assert facts == ["facts"] * 3 + ["story"] * 3 and not list(proj.cache.rglob("facts.pickle"))  # each stored once
    rewritten = set(second.written.written)
    old_briefings = {w for w in first.written.written if w.startswith("briefings/")}
    new_briefings = [w for w in rewritten if w.startswith("briefings/") and w not in old_briefings]
    assert len(new_briefings) == 1
    story = re.search(r'href="\.\./\.\./stories/([^/"]+)/"', (proj.output / new_briefings[0]).read_text())
    new_party_pages = {w[len("parties/"):-3] for w in rewritten if w.startswith("parties/") and w != "parties/index.md"
                       and w not in first.written.written}
    for touched in rewritten & old_briefings:
        # only briefings of the new article's story, or with a party that has just got its page, may change
        text = (proj.output / touched).read_text()
        assert (story and f"stories/{story.group(1)}/" in text) or any(f"parties/{p}/" in text for p in new_party_pages)
    assert not any(w.startswith("assets/") for w in rewritten)

    held_back.unlink()
    third = build(proj)
    assert third.extracted == 0
    assert set(third.written.removed) >= set(new_briefings)
    assert not (proj.output / new_briefings[0]).exists()


def test_user_files_in_the_output_folder_survive(project):
    proj = project_for(project)
    build(proj)
    mine = proj.output / "briefings" / "my-notes.md"
    mine.write_text("# My notes\n")
    home = project / "content" / "index.md"
    home.write_text("# My own home page\n")
    build(proj)
    assert mine.read_text() == "# My notes\n"
    assert home.read_text() == "# My own home page\n"


def test_unchanged_briefings_are_taken_as_they_are(project):
    """A briefing whose facts, templates and links did not change is not rendered again; a generated
    file edited by hand, or a changed template, makes it rendered again."""
    proj = project_for(project)
    build(proj)
    briefing = sorted((proj.output / "briefings").glob("*.md"))[0]
    good = briefing.read_bytes()
    assert b"data-search-exclude" in good
    again = build(proj)
    assert not [w for w in again.written.written if w.startswith(("briefings/", "maps/"))]

    briefing.write_bytes(good.replace(b"## Summary", b"## Edited by hand"))
    build(proj)
    assert briefing.read_bytes() == good  # the edit does not pass for last build's page

    template = project / "templates" / "briefing.md.j2"
    template.write_text(template.read_text().replace("## Summary", "## In short"))
    changed = build(proj)
    assert f"briefings/{briefing.name}" in changed.written.written
    assert b"## In short" in briefing.read_bytes()


def test_a_build_with_nothing_new_takes_every_briefing_view_from_the_last(project, monkeypatch):
    from generator.render import pages

    proj = project_for(project)
    first = build(proj)

    def no_view(*args, **kwargs):
        raise AssertionError("briefing_view called for an unchanged briefing")

    monkeypatch.setattr(pages, "briefing_view", no_view)
    again = build(proj)
    assert len(again.facts) == len(first.facts) and not again.written.written


def test_maps_taken_from_the_last_build_keep_their_drawings(project, monkeypatch):
    """A build that takes maps as they were does not look them up in the memo of drawn maps; that must
    not count as "no longer used", or a template change after it would draw every map again."""
    import time

    from generator.render import maps

    proj = project_for(project)
    build(proj)
    time.sleep(1.2)  # the memo keeps what was used from the start of a build (with a second's slack)
    build(proj)  # nothing new: every briefing and map is taken from the last build

    def no_drawing(*args, **kwargs):
        raise AssertionError("a map was drawn again")

    monkeypatch.setattr(maps, "_draw_map", no_drawing)
    template = project / "templates" / "briefing.md.j2"
    template.write_text(template.read_text().replace("## Summary", "## In short"))
    changed = build(proj)  # every briefing is rendered again; its map comes from the memo
    assert any(w.startswith("briefings/") for w in changed.written.written)
