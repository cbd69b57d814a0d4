"""One reader for the word lists in generator/data/: comments skipped, repeats refused."""
from __future__ import annotations

import pytest

from generator import wordlists


def test_rows_skip_comments_and_refuse_a_repeated_key(tmp_path, monkeypatch):
    monkeypatch.setattr(wordlists, "DATA", tmp_path)
    (tmp_path / "w.tsv").write_text("# kind\tword\n\nverb\tback\nnoun\tback\n")
    assert wordlists.rows("w.tsv", key=lambda row: tuple(row)) == [(3, ["verb", "back"]), (4, ["noun", "back"])]
    (tmp_path / "w.tsv").write_text("verb\tback\nverb\tback\n")
    with pytest.raises(ValueError, match=r"w.tsv:2: .* line 1"):
        wordlists.rows("w.tsv", key=lambda row: tuple(row))


@pytest.mark.parametrize("module", ["figures", "timeline", "positions", "parties"])
def test_every_word_list_the_extractors_read_is_free_of_repeats(module):
    import importlib

    importlib.reload(importlib.import_module(f"generator.extract.{module}"))  # its loader raises on a repeat


def test_one_list_of_the_roles_that_speak_for_a_country_and_actor_words_as_data():
    from generator.extract import actors, parties

    assert actors.GOVERNMENT_ROLES == parties.ACTOR_WORDS["government-role"]  # one list, read from data/actor_words.tsv
    assert {"minister", "spokesman"} <= parties.GOVERNMENT_ROLES and "mr" in parties.TITLES
    assert "monday" in parties.NOT_ACTORS and "rebels" in parties.GROUP_NOUNS


def test_the_reporting_verbs_are_one_list_each_module_reads_its_use_of():
    from generator.extract import parties, positions, quotes

    verbs = wordlists.speech_verbs()
    assert quotes.REPORT == verbs["report"] and quotes.WEAK == verbs["weak"] and quotes.SAID_FORMS == verbs["form"]
    assert parties.SPEECH == verbs["actor"] and positions.SPEECH == verbs["claim"]
    assert quotes.WEAK <= quotes.REPORT and {"say", "tell"} <= quotes.REPORT & parties.SPEECH & positions.SPEECH
    assert {"said", "according"} <= quotes.SAID_FORMS


@pytest.mark.parametrize("rows, error", [
    ("say\treport\tsaid\nsay\tactor\t-\n", "already listed on line 2"),
    ("say\treport\tsaid\ntell\treport\tsaid\n", "form 'said' is already listed"),
    ("say\treport shout\t-\n", "unknown use"),
    ("begin\tweak\t-\n", "weak but does not report"),
    ("go\t-\t-\n", "no use and no form"),
])
def test_the_reporting_verbs_refuse_repeats_and_contradictions(tmp_path, monkeypatch, rows, error):
    monkeypatch.setattr(wordlists, "DATA", tmp_path)
    (tmp_path / "speech_verbs.tsv").write_text("# verb\tuses\tforms\n" + rows)
    with pytest.raises(ValueError, match=error):
        wordlists.speech_verbs()

