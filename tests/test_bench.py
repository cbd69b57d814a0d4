"""A smoke run of the benchmark (bench/run.py) on a tiny corpus written here, so that the script keeps working."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CITIES = ["Yerevan", "Baku", "Tbilisi", "Ankara", "Moscow", "Paris"]
LEADERS = [("Armenia", "Prime Minister Nikol Pashinyan"), ("Azerbaijan", "President Ilham Aliyev"),
           ("Russia", "Foreign Minister Sergei Lavrov"), ("France", "President Emmanuel Macron"),
           ("Turkey", "Defence Minister Hulusi Akar"), ("Georgia", "Prime Minister Giorgi Gakharia")]
OPENINGS = [
    "{leader} said on Monday that talks in {city} had made progress towards a lasting truce.",
    "Officials in {city} accused the other side of shelling villages overnight, {leader} said.",
    "{leader} called for an immediate ceasefire after fighting spread to the outskirts of {city}.",
    "Delegations met in {city} on Thursday to discuss the exchange of prisoners, {leader} said.",
    "{leader} rejected claims that troops had crossed the border near {city}.",
]
MIDDLES = [
    '"We will not accept any deal that ignores the people of the region," {leader} told reporters.',
    "At least {n} people were killed and {m} wounded, according to the health ministry.",
    '"The fighting must stop now," said a spokesman for {country}, adding that aid convoys were waiting.',
    "The agreement, signed on 10 November 2020, allows {n} peacekeepers to patrol the line of contact.",
]
ENDINGS = [
    "The United Nations urged both sides to protect civilians and allow humanitarian access.",
    "Residents of {city} said shops had reopened but many families remained in shelters.",
    "Observers from the OSCE Minsk Group are expected to visit the area next week.",
]


def sample_rows(count: int) -> list[dict]:
    """Short news-style articles, each a different mix of sentences, people and places."""
    rows = []
    for i in range(count):
        country, leader = LEADERS[i % len(LEADERS)]
        city = CITIES[(i * 5 + 1) % len(CITIES)]
        values = {"leader": leader, "country": country, "city": city, "n": 12 + 7 * i, "m": 30 + 11 * i}
        paragraphs = [OPENINGS[i % len(OPENINGS)], MIDDLES[i % len(MIDDLES)], MIDDLES[(i + 1) % len(MIDDLES)],
                      ENDINGS[i % len(ENDINGS)]]
        text = "\n\n".join(p.format(**values) for p in paragraphs)
        row = {"id": f"sample-{i:03d}", "title": f"{country}: talks and fighting near {city} ({i + 1})", "text": text}
        if i % 3:
            row["published"] = f"2020-{10 + i % 2:02d}-{1 + i % 28:02d}"
        rows.append(row)
    return rows


def test_bench_smoke_run_reports_every_metric(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in sample_rows(31)), encoding="utf-8")
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--corpus", str(corpus), "--sizes", "12,30",
         "--out", str(out), "--work", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "| extraction, articles/s |" in proc.stdout  # the table

    report = json.loads(out.read_text())
    from generator import engines

    installed = [n for n, e in engines.ENGINES.items() if engines.missing(e) is None]
    assert all(f"| engine {name}: build of the generated pages, s |" in proc.stdout for name in installed)
    assert report["sizes"] == [12, 30]
    assert report["prepare"]["peak_rss_mb"] > 0  # the place index was made ready before any timed step
    assert set(report["growth_exponents"]) >= {"extract", "full_build", "incremental_generation", "site_bytes"}
    for result, n in zip(report["results"], (12, 30)):
        m = result["metrics"]
        assert result["articles"] == n and result["extract"]["articles"] == n
        assert result["extract"]["facts"] > 0  # extraction found something in the sample texts
        for key in ("extract_articles_per_s", "extract_words_per_s", "parse_articles_per_s", "extract_vs_parse",
                    "full_seconds", "full_generation_seconds", "bare_mkdocs_seconds", "full_vs_bare_mkdocs",
                    "full_cached_seconds", "full_cached_vs_bare_mkdocs", "site_kb_per_briefing",
                    "incremental_generation_seconds", "incremental_vs_full_generation", "peak_rss_mb"):
            assert m[key] > 0, key
        assert 0 < m["extract_vs_parse"] < 2  # extraction includes the parse: never much faster than it
        assert 0 < m["full_generation_seconds"] < m["full_seconds"]
        # the incremental build parsed one article and rewrote some files, not all of them
        runs = result["incremental_runs"]
        assert [r["before"] for r in runs] == [n, n + 1, n + 2]  # three articles added, one at a time
        assert all(r["extracted"] == 1 and r["cached"] == r["before"] for r in runs)
        assert result["incremental"] in runs  # the median one
        assert sorted(r["generation_seconds"] for r in runs)[1] == m["incremental_generation_seconds"]
        assert 0 < m["incremental_files_written"] < m["incremental_files_written"] + m["incremental_files_unchanged"]
        assert 100 < m["peak_rss_mb"] < 24 * 1024
        # every installed site engine built the same generated pages (one row each)
        assert set(result["engines"]) == set(installed) and "mkdocs" in installed
        for name in installed:
            assert m[f"engine_{name}_seconds"] > 0 and m[f"engine_{name}_peak_rss_mb"] > 10
            assert m[f"engine_{name}_site_kb_per_briefing"] > 1
        assert m["engine_mkdocs_vs_mkdocs"] == 1
        assert m["site_bytes"] > n * 1000
    assert not list(tmp_path.glob("briefing-bench-*"))  # the throwaway projects are cleaned up
