"""`briefing extract`: the JSON contract that the evaluation scripts read."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SCHEMA = json.loads(resources.files("generator").joinpath("facts.schema.json").read_text())


def briefing(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], input=stdin,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def jsonl_output():
    files = sorted(str(p) for p in FIXTURES.glob("2*.md"))
    proc = briefing("extract", "--format", "jsonl", *files)
    assert proc.returncode == 0, proc.stderr
    return files, [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_one_object_per_file_in_order(jsonl_output):
    files, rows = jsonl_output
    assert [r["path"] for r in rows] == files


def test_output_matches_the_schema(jsonl_output):
    for row in jsonl_output[1]:
        jsonschema.validate(row, SCHEMA)


def test_every_offset_points_into_the_text(jsonl_output):
    for row in jsonl_output[1]:
        n = len(row["text"])
        spans = [m for key in ("parties", "places") for p in row[key] for m in p["mentions"]]
        spans += [(x["start"], x["end"]) for key in ("quotes", "positions", "timeline", "figures") for x in row[key]]
        assert spans
        assert all(0 <= s < e <= n for s, e in spans)
        for q in row["quotes"]:
            assert q["text"].strip(" “”\"'‘’")[:10] in row["text"][q["start"]:q["end"]]


def test_schema_rejects_a_broken_object(jsonl_output):
    bad = dict(jsonl_output[1][0], places=[{"id": "x", "name": "X", "kind": "planet", "lat": 1, "lon": 2,
                                            "country": None, "mentions": []}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_standard_input_and_published_date():
    proc = briefing("extract", "--published", "2020-10-10", "-",
                    stdin="Armenia said on Saturday that the talks in Moscow had ended.")
    assert proc.returncode == 0, proc.stderr
    (row,) = json.loads(proc.stdout)
    assert row["path"] == "-" and row["published"] == "2020-10-10"
    assert "2020-10-10" in [t["date"] for t in row["timeline"]]


def test_bad_date_option_is_one_clear_line():
    proc = briefing("extract", "--published", "yesterday", "-", stdin="text")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "YYYY-MM-DD" in proc.stderr


def test_unreadable_file_is_reported_and_the_rest_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    good = tmp_path / "good.txt"
    good.write_text("Russia's foreign minister Sergei Lavrov met the two ministers in Moscow.")
    proc = briefing("extract", "--format", "jsonl", str(empty), str(good))
    assert proc.returncode == 0
    assert [json.loads(line)["path"] for line in proc.stdout.splitlines()] == [str(good)]
    assert str(empty) in proc.stderr and "no text" in proc.stderr
    strict = briefing("extract", "--strict", str(empty), str(good))
    assert strict.returncode == 1


def test_a_missing_path_is_named_and_exits_2(tmp_path):
    from click.testing import CliRunner

    from generator.cli import main

    for command in ("extract", "stories"):
        result = CliRunner().invoke(main, [command, str(tmp_path / "nope.txt")])
        assert result.exit_code == 2 and "nope.txt" in result.output and "does not exist" in result.output
