#!/usr/bin/env python3
"""The benchmark: how fast extraction, the full site build and an incremental build are, and how
each grows with the number of articles. See bench/README.md.

    .venv/bin/python bench/run.py [--corpus FILE.jsonl] [--sizes 500,1000,2225] [--workers 1]

Every step runs in its own subprocess so that its peak memory (the child's ``ru_maxrss``) and CPU
time are its own. Prints one table and writes the numbers to ``bench/results/<stamp>.json``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc.jsonl"

sys.path.insert(0, str(ROOT))
from generator.config import PLACE_INDEX_ENV, place_index_folder  # noqa: E402 - the tree being measured

TARGETS = {
    "extract_vs_parse": ("≥", 0.75),
    "full_vs_bare_mkdocs": ("≤", 1.5),
    "full_cached_vs_bare_mkdocs": ("≤", 1.5),
    "incremental_vs_full_generation": ("≤", 0.05),
    "site_kb_per_briefing": ("≤", 50.0),
    "peak_rss_mb": ("≤", 2048.0),
}


# --- the corpus and the throwaway project ------------------------------------------------------


def read_corpus(path: Path) -> list[dict]:
    """Articles from JSONL: ``text`` is required; ``title``, ``id``, ``published``/``date`` are used when present."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                if isinstance(row, dict) and str(row.get("text") or "").strip():
                    rows.append(row)
    return rows


def sample(rows: list[dict], seed: int = 0) -> list[dict]:
    """A fixed shuffle, so that every size is a prefix of the next and mixes the corpus' topics."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    return [rows[i] for i in order]


def yaml_text(value) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML scalar


def article_file(row: dict, index: int) -> tuple[str, str]:
    """File name and content (front matter + text) of one corpus article."""
    ident = str(row.get("id") or f"article-{index:05d}")
    meta = [f"id: {yaml_text(ident)}"]
    if row.get("title"):
        meta.append(f"title: {yaml_text(row['title'])}")
    published = row.get("published") or row.get("date")
    if published:
        meta.append(f"published: {yaml_text(str(published)[:10])}")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in ident)[:80]
    return f"{index:05d}-{safe}.txt", "---\n" + "\n".join(meta) + "\n---\n\n" + row["text"].strip() + "\n"


def make_project(tmp: Path) -> Path:
    """The project's site configuration in a fresh folder (as tests/conftest.py::make_project does)."""
    (tmp / "content" / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", tmp / "templates")
    shutil.copytree(ROOT / "content" / "stylesheets", tmp / "content" / "stylesheets")
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
    return tmp


def write_articles(project: Path, rows: list[dict], start: int = 0) -> None:
    folder = project / "content" / "articles"
    for i, row in enumerate(rows, start):
        name, content = article_file(row, i)
        (folder / name).write_text(content, encoding="utf-8")


def disable_plugin(mkdocs_yml: Path) -> None:
    """The same configuration with the briefing plugin switched off (``enabled: false``)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may hold !ENV / !!python tags: keep them as plain values, we only rewrite plugins
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    cfg = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=Loader)
    plugins = []
    for p in cfg.get("plugins") or []:
        if isinstance(p, dict) and "briefing" in p:
            p = {"briefing": {**(p["briefing"] or {}), "enabled": False}}
        plugins.append(p)
    cfg["plugins"] = plugins
    mkdocs_yml.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")


def dir_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


# --- steps, each run in a child process --------------------------------------------------------


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _project_of(root: Path):
    from mkdocs.config import load_config

    from generator.build import Project

    cfg = load_config(str(root / "mkdocs.yml"))
    plugin = cfg["plugins"]["briefing"]
    return Project.from_config(Path(cfg["docs_dir"]), plugin.config)


def step_parse(root: Path, workers: int) -> dict:
    """The floor: a bare ``nlp.pipe`` over the texts, with the pipeline and batching the build uses."""
    from generator import nlp
    from generator.build import read_articles

    articles, _ = read_articles(_project_of(root))
    texts = [a.text for a in articles]
    nlp.load()
    t0, c0 = time.perf_counter(), _cpu()
    n = sum(1 for _ in nlp.parse(texts, workers=workers))
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "articles": n,
            "words": sum(len(t.split()) for t in texts)}


def step_extract(root: Path, workers: int) -> dict:
    """Parse and analyse every article as the build does (facts and story features), without the cache."""
    from generator import api, nlp

    articles, _ = api.read([_project_of(root).articles])
    nlp.load()  # the pipeline's load is not timed, as in step_parse
    t0, c0 = time.perf_counter(), _cpu()
    done = list(api.analyse(articles, workers=workers))
    facts = [a.facts for a in done if a.facts is not None]
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "articles": sum(a.parsed for a in done),
            "words": sum(len(a.text.split()) for a in articles),
            "facts": sum(len(f.parties) + len(f.quotes) + len(f.positions) + len(f.places) + len(f.timeline)
                         + len(f.figures) for f in facts)}


def step_mkdocs(root: Path, workers: int) -> dict:
    """``mkdocs build`` in ``root``; the briefing plugin's generation is timed on its own."""
    os.chdir(root)
    from mkdocs.__main__ import cli

    from generator import plugin

    timed: dict = {}
    inner = plugin.build

    def timed_build(project, progress=None):
        t0 = time.perf_counter()
        result = inner(project, progress)
        timed.update(generation_seconds=time.perf_counter() - t0, extracted=result.extracted,
                     cached=result.cached, written=len(result.written.written),
                     unchanged=result.written.unchanged, removed=len(result.written.removed),
                     written_files=sorted(result.written.written)[:200])
        return result

    plugin.build = timed_build
    t0 = time.perf_counter()
    try:
        cli(["build", "-q"], standalone_mode=False)
    finally:
        plugin.build = inner
    return {"seconds": time.perf_counter() - t0, **timed}


def step_prepare(root: Path, workers: int) -> dict:
    """Build the shared place index (``$BRIEFING_CACHE``, see run_step) if it is missing, so that no timed
    step pays for it."""
    from generator import gazetteer

    t0 = time.perf_counter()
    gazetteer.lookup("Paris")
    return {"seconds": time.perf_counter() - t0}


STEPS = {"prepare": step_prepare, "parse": step_parse, "extract": step_extract, "mkdocs": step_mkdocs}


def run_step(name: str, root: Path, workers: int, log: Path) -> dict:
    """Run one step in a child process; its result with wall time, CPU time and peak RSS added."""
    out = Path(tempfile.mkstemp(prefix=f"bench-{name}-", suffix=".json")[1])
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--project", str(root),
           "--workers", str(workers), "--result", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    env.setdefault(PLACE_INDEX_ENV, str(place_index_folder(None)))  # every size's project shares one place index
    t0 = time.perf_counter()
    with log.open("ab") as lf:
        lf.write(f"\n== {name} {root}\n".encode())
        lf.flush()
        proc = subprocess.Popen(cmd, stdout=lf, stderr=lf, env=env, cwd=str(root))
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"step {name} failed (exit {proc.returncode}); see {log}")
    result = json.loads(out.read_text())
    out.unlink()
    # ru_maxrss of the child (KiB on Linux): with workers > 1 it is the largest single process
    result.update(process_seconds=wall, process_cpu_seconds=usage.ru_utime + usage.ru_stime,
                  peak_rss_mb=usage.ru_maxrss / 1024)
    return result


def child(args) -> None:
    result = STEPS[args.step](Path(args.project), args.workers)
    Path(args.result).write_text(json.dumps(result))


def run_engine(name: str, root: Path, log: Path) -> dict:
    """One site engine's build of the pages already generated in ``root`` (as ``briefing build --engine``
    runs it, generation left out): wall and CPU time and peak RSS of the engine's own process, site bytes."""
    sys.path.insert(0, str(ROOT))
    from generator import engines

    engine = engines.ENGINES[name]
    shutil.rmtree(root / "site", ignore_errors=True)
    config = root / "mkdocs.yml"
    t0 = time.perf_counter()
    config = engines.site_config(engine, config, root / "content", "articles")  # zensical: its mirror of the pages
    prepare = time.perf_counter() - t0
    env = {**engines.environment(generated=True), "PYTHONPATH": str(ROOT)}
    with log.open("ab") as lf:
        lf.write(f"\n== engine {name} {root}\n".encode())
        lf.flush()
        t0 = time.perf_counter()
        proc = subprocess.Popen(engines.command(engine, "build", config), stdout=lf, stderr=lf, env=env, cwd=str(root))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"engine {name} failed; see {log}")
    return {"engine": name, "version": engines.version(engine), "seconds": prepare + wall, "prepare_seconds": prepare,
            "process_cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024,
            "site_bytes": dir_bytes(root / "site")}


def installed_engines(wanted: str | None) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from generator import engines

    names = [n.strip() for n in wanted.split(",")] if wanted else list(engines.ENGINES)
    for n in names:
        if n not in engines.ENGINES:
            raise SystemExit(f"--engines: unknown engine {n!r} (choose from {', '.join(engines.ENGINES)})")
    return [n for n in names if engines.missing(engines.ENGINES[n]) is None]


# --- one size, all steps -----------------------------------------------------------------------


def bench_size(rows: list[dict], extras: list[dict], n: int, workers: int, work: Path, log: Path,
               engine_names: list[str] = ()) -> dict:
    subset = rows[:n]
    project = make_project(work / f"n{n}")
    write_articles(project, subset)
    words = sum(len(r["text"].split()) for r in subset)
    print(f"[{n} articles] parse …", file=sys.stderr, flush=True)
    parse = run_step("parse", project, workers, log)
    print(f"[{n} articles] extract …", file=sys.stderr, flush=True)
    extract = run_step("extract", project, workers, log)
    print(f"[{n} articles] full build …", file=sys.stderr, flush=True)
    full = run_step("mkdocs", project, workers, log)
    site = dir_bytes(project / "site")

    # the same, from the extraction cache: every page and map generated again, then mkdocs
    shutil.rmtree(project / "site")
    shutil.rmtree(project / "content" / "generated", ignore_errors=True)
    shutil.rmtree(project / ".cache" / "briefing" / "maps", ignore_errors=True)
    print(f"[{n} articles] full build, extraction cached …", file=sys.stderr, flush=True)
    warm = run_step("mkdocs", project, workers, log)

    # every site engine on the same generated pages, one after the other
    engine_runs = {}
    for name in engine_names:
        print(f"[{n} articles] engine {name} …", file=sys.stderr, flush=True)
        engine_runs[name] = run_engine(name, project, log)

    bare_root = work / f"n{n}-bare"
    shutil.copytree(project, bare_root, ignore=shutil.ignore_patterns("site", ".cache"))
    disable_plugin(bare_root / "mkdocs.yml")
    print(f"[{n} articles] bare mkdocs …", file=sys.stderr, flush=True)
    bare = run_step("mkdocs", bare_root, workers, log)
    shutil.rmtree(bare_root, ignore_errors=True)

    # one article added, built, then the next: the median of these few-second builds is reported, as
    # a single one is at the mercy of a noisy machine
    runs = []
    for i, extra in enumerate(extras):
        print(f"[{n} articles] incremental ({i + 1} of {len(extras)}) …", file=sys.stderr, flush=True)
        write_articles(project, [extra], start=n + i)
        runs.append({**run_step("mkdocs", project, workers, log), "before": n + i})
    incremental = sorted(runs, key=lambda r: r["generation_seconds"])[len(runs) // 2]
    shutil.rmtree(project, ignore_errors=True)

    return {"articles": n, "words": words, "site_bytes": site, "parse": parse, "extract": extract, "full": full,
            "full_cached": warm, "bare_mkdocs": bare, "engines": engine_runs, "incremental": incremental, "incremental_runs": runs}


def metrics(r: dict) -> dict:
    """The reported numbers, from the raw measurements of one size (also for re-printing a saved run)."""
    parse, extract, full, warm = r["parse"], r["extract"], r["full"], r["full_cached"]
    bare, incremental, n = r["bare_mkdocs"], r["incremental"], r["articles"]
    site = r["site_bytes"] if "site_bytes" in r else r["metrics"]["site_bytes"]  # older result files
    extract_rate = extract["articles"] / extract["seconds"]
    parse_rate = parse["articles"] / parse["seconds"]
    return {
        "extract_articles_per_s": extract_rate,
        "extract_words_per_s": extract["words"] / extract["seconds"],
        "parse_articles_per_s": parse_rate,
        "extract_vs_parse": extract_rate / parse_rate,
        "extract_vs_parse_cpu": parse["cpu_seconds"] / extract["cpu_seconds"],
        "full_seconds": full["process_seconds"],
        "full_generation_seconds": full["generation_seconds"],
        "bare_mkdocs_seconds": bare["process_seconds"],
        "full_vs_bare_mkdocs": full["process_seconds"] / bare["process_seconds"],
        "full_vs_bare_mkdocs_cpu": full["process_cpu_seconds"] / bare["process_cpu_seconds"],
        "full_cached_seconds": warm["process_seconds"],
        "full_cached_generation_seconds": warm["generation_seconds"],
        "full_cached_vs_bare_mkdocs": warm["process_seconds"] / bare["process_seconds"],
        "full_cached_vs_bare_mkdocs_cpu": warm["process_cpu_seconds"] / bare["process_cpu_seconds"],
        "site_bytes": site,
        "site_kb_per_briefing": site / 1024 / n,
        "incremental_generation_seconds": incremental["generation_seconds"],
        "incremental_seconds": incremental["process_seconds"],
        "incremental_files_written": incremental["written"],
        "incremental_files_unchanged": incremental["unchanged"],
        "incremental_vs_full_generation": incremental["generation_seconds"] / full["generation_seconds"],
        "peak_rss_mb": max(s["peak_rss_mb"] for s in (parse, extract, full, warm, bare, incremental)),
        **engine_metrics(r.get("engines") or {}, n),
    }


def engine_metrics(runs: dict, n: int) -> dict:
    out = {}
    base = runs.get("mkdocs")
    for name, e in runs.items():
        out[f"engine_{name}_seconds"] = e["seconds"]
        out[f"engine_{name}_cpu_seconds"] = e["process_cpu_seconds"]
        out[f"engine_{name}_peak_rss_mb"] = e["peak_rss_mb"]
        out[f"engine_{name}_site_kb_per_briefing"] = e["site_bytes"] / 1024 / n
        if base:
            out[f"engine_{name}_vs_mkdocs"] = e["seconds"] / base["seconds"]
            out[f"engine_{name}_vs_mkdocs_cpu"] = e["process_cpu_seconds"] / base["process_cpu_seconds"]
    return out


def growth(results: list[dict], key) -> float | None:
    """How a cost grows between the smallest and the largest size: 1.0 is linear, 2.0 quadratic."""
    import math

    if len(results) < 2:
        return None
    a, b = results[0], results[-1]
    ca, cb = key(a), key(b)
    if ca <= 0 or cb <= 0 or a["articles"] == b["articles"]:
        return None
    return math.log(cb / ca) / math.log(b["articles"] / a["articles"])


GROWTH = {
    "extract": lambda r: r["extract"]["seconds"],
    "extract_cpu": lambda r: r["extract"]["cpu_seconds"],
    "full_build": lambda r: r["full"]["process_seconds"],
    "full_build_cpu": lambda r: r["full"]["process_cpu_seconds"],
    "full_build_cached": lambda r: r["full_cached"]["process_seconds"],
    "full_build_cached_cpu": lambda r: r["full_cached"]["process_cpu_seconds"],
    "full_generation": lambda r: r["full"]["generation_seconds"],
    "bare_mkdocs": lambda r: r["bare_mkdocs"]["process_seconds"],
    "incremental_generation": lambda r: r["incremental"]["generation_seconds"],
    "site_bytes": lambda r: r["metrics"]["site_bytes"],
}


def table(results: list[dict], growths: dict) -> str:
    rows = [
        ("extraction, articles/s", "extract_articles_per_s", "{:.1f}"),
        ("extraction, words/s", "extract_words_per_s", "{:,.0f}"),
        ("bare nlp.pipe, articles/s", "parse_articles_per_s", "{:.1f}"),
        ("extraction ÷ bare parse (wall)", "extract_vs_parse", "{:.2f}"),
        ("extraction ÷ bare parse (CPU)", "extract_vs_parse_cpu", "{:.2f}"),
        ("full build (generate + mkdocs), s", "full_seconds", "{:.1f}"),
        ("  of which generation, s", "full_generation_seconds", "{:.1f}"),
        ("bare mkdocs build, s", "bare_mkdocs_seconds", "{:.1f}"),
        ("full ÷ bare mkdocs (wall)", "full_vs_bare_mkdocs", "{:.2f}"),
        ("full ÷ bare mkdocs (CPU)", "full_vs_bare_mkdocs_cpu", "{:.2f}"),
        ("full build, extraction cached, s", "full_cached_seconds", "{:.1f}"),
        ("  of which generation, s", "full_cached_generation_seconds", "{:.1f}"),
        ("full (extraction cached) ÷ bare mkdocs (wall)", "full_cached_vs_bare_mkdocs", "{:.2f}"),
        ("full (extraction cached) ÷ bare mkdocs (CPU)", "full_cached_vs_bare_mkdocs_cpu", "{:.2f}"),
        ("site KB per briefing", "site_kb_per_briefing", "{:.1f}"),
        ("incremental (+1 article) generation, s (median)", "incremental_generation_seconds", "{:.2f}"),
        ("incremental ÷ full generation", "incremental_vs_full_generation", "{:.3f}"),
        ("incremental files rewritten", "incremental_files_written", "{:d}"),
        ("incremental mkdocs build (whole), s", "incremental_seconds", "{:.1f}"),
        ("peak RSS of any step, MB", "peak_rss_mb", "{:.0f}"),
    ]
    for name in dict.fromkeys(k for r in results for k in (r.get("engines") or {})):
        rows += [(f"engine {name}: build of the generated pages, s", f"engine_{name}_seconds", "{:.1f}"),
                 (f"engine {name}: ÷ mkdocs (wall)", f"engine_{name}_vs_mkdocs", "{:.2f}"),
                 (f"engine {name}: CPU seconds", f"engine_{name}_cpu_seconds", "{:.1f}"),
                 (f"engine {name}: ÷ mkdocs (CPU)", f"engine_{name}_vs_mkdocs_cpu", "{:.2f}"),
                 (f"engine {name}: peak RSS, MB", f"engine_{name}_peak_rss_mb", "{:.0f}"),
                 (f"engine {name}: site KB per briefing", f"engine_{name}_site_kb_per_briefing", "{:.1f}")]
    head = ["metric"] + [f"{r['articles']:,} articles" for r in results] + ["target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, key, fmt in rows:
        target = TARGETS.get(key)
        cells = [fmt.format(r["metrics"][key]) if key in r["metrics"] else "–" for r in results]
        lines.append("| " + " | ".join([label, *cells, f"{target[0]} {target[1]:g}" if target else ""]) + " |")
    lines.append("")
    lines.append("| growth exponent (1 = linear), smallest → largest size | " + " | ".join(
        f"{k} {v:.2f}" if v is not None else f"{k} –" for k, v in growths.items()) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark extraction, full and incremental builds on a JSONL corpus.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL of articles (default: %(default)s)")
    ap.add_argument("--sizes", default="500,1000,2225", help="comma-separated article counts (default: %(default)s)")
    ap.add_argument("--workers", type=int, default=1, help="parsing processes, as `briefing build --workers`")
    ap.add_argument("--incremental-runs", type=int, default=3,
                    help="articles added one at a time after the full build; the median build is reported")
    ap.add_argument("--out", type=Path, help="JSON file (default: bench/results/<time>.json)")
    ap.add_argument("--work", type=Path, help="folder for the throwaway projects (default: a temp folder)")
    ap.add_argument("--engines", help="comma-separated site engines to build the generated pages with "
                    "(default: every installed one of generator/engines.py)")
    ap.add_argument("--table", type=Path, help="print the table of a saved results JSON and stop")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    ap.add_argument("--project", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.step:
        child(args)
        return 0
    if args.table:
        saved = json.loads(args.table.read_text())
        results = [{**r, "metrics": metrics(r)} for r in saved["results"]]
        print(table(results, {k: growth(results, f) for k, f in GROWTH.items()}))
        return 0

    rows = sample(read_corpus(args.corpus))
    if not rows:
        raise SystemExit(f"{args.corpus}: no articles with text")
    sizes = sorted({min(int(s), len(rows)) for s in args.sizes.split(",") if s.strip()})
    # the articles added in the incremental step: the next ones, or copies under new ids at full size
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=args.work))
    log = work / "bench.log"
    prepare = make_project(work / "prepare")
    print("[prepare] place index …", file=sys.stderr, flush=True)
    prepared = run_step("prepare", prepare, args.workers, log)
    shutil.rmtree(prepare, ignore_errors=True)
    engine_names = installed_engines(args.engines)
    results = []
    out = args.out or HERE / "results" / f"{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        for n in sizes:
            extras = [dict(rows[n + i]) if n + i < len(rows) else {**rows[i], "id": f"bench-added-article-{i}"}
                      for i in range(max(1, args.incremental_runs))]
            result = bench_size(rows, extras, n, args.workers, work, log, engine_names)
            results.append({**result, "metrics": metrics(result)})
            save(out, args, sizes, results, prepared)  # a long run keeps what it has measured so far
    except SystemExit:
        print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
        raise
    print(table(results, save(out, args, sizes, results, prepared)))
    print(f"\nwritten {out}", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def save(out: Path, args, sizes: list[int], results: list[dict], prepared: dict) -> dict:
    growths = {k: growth(results, f) for k, f in GROWTH.items()}
    report = {
        "corpus": str(args.corpus),
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg(), "python": sys.version.split()[0]},
        "workers": args.workers,
        "engines": {name: r["engines"][name].get("version") for r in results for name in r.get("engines") or {}},
        "sizes": sizes,
        "targets": {k: {"op": op, "value": v} for k, (op, v) in TARGETS.items()},
        "prepare": prepared,  # the place index, built once per machine (not per corpus)
        "growth_exponents": growths,
        "results": results,
    }
    out.write_text(json.dumps(report, indent=1, default=str))
    return growths


if __name__ == "__main__":
    sys.exit(main())
