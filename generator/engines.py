"""The site engines that turn the generated Markdown into a site: which one runs, how, and what it needs.

Generation (:func:`generator.api.build`) is a stage of its own; an engine only builds or serves the
Markdown it finds. The engines are one table, :data:`ENGINES`:

- ``mkdocs`` and ``properdocs`` (a fork of MkDocs 1.x) read mkdocs.yml and run our plugin, which
  keeps the articles out of the site, squeezes every page and drops theme files no browser loads;
- ``zensical`` reads mkdocs.yml but skips every plugin it does not re-implement, ours included: it
  reads a configuration written for it (:func:`site_config`) that does what the plugin would do
  (its pages are docs_dir without the articles folder), and :func:`serve` regenerates the pages when
  an article or template changes, as the plugin does under ``mkdocs serve``.
"""
from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import output

GENERATED_ENV = "BRIEFING_GENERATED"
"""Set for an engine's build that follows our own generation: the plugin does not generate again."""


@dataclass(frozen=True)
class Engine:
    name: str
    module: str
    """Run as ``python -m <module>``, in the interpreter of the briefing command."""
    distribution: str
    """The package that brings it (for the version, and what to install when it is missing)."""
    runs_plugin: bool
    """It runs MkDocs plugins, ours included: the plugin does what the engine would otherwise miss."""
    strict: bool
    """``--strict`` makes a warning fail the build."""
    serve_regenerates: bool
    """Its dev server regenerates the pages by itself (through our plugin)."""


ENGINES: dict[str, Engine] = {e.name: e for e in (
    Engine("mkdocs", module="mkdocs", distribution="mkdocs", runs_plugin=True, strict=True, serve_regenerates=True),
    Engine("properdocs", module="properdocs", distribution="properdocs", runs_plugin=True, strict=True,
           serve_regenerates=True),
    # 0.0.30 has no strict mode yet (it says so and builds); its serve knows nothing of our articles
    Engine("zensical", module="zensical", distribution="zensical", runs_plugin=False, strict=False,
           serve_regenerates=False),
)}
DEFAULT = "mkdocs"

INSTALL_HINT = "pip install 'briefing[engines]'"
WATCH_SECONDS = 1.0
"""How often :func:`serve` looks for changed articles and templates (engines without our plugin)."""


class EngineError(Exception):
    """An engine that cannot run here, or a build of it that failed (one line)."""


def get(name: str) -> Engine:
    try:
        return ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown site engine {name!r}: choose one of {', '.join(ENGINES)}") from None


def missing(engine: Engine) -> str | None:
    """Why the engine cannot run in this interpreter, or None when it can."""
    if importlib.util.find_spec(engine.module) is None:
        return f"the site engine {engine.name} is not installed ({INSTALL_HINT})"
    return None


def version(engine: Engine) -> str | None:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version(engine.distribution)
    except PackageNotFoundError:
        return None


def generated_config_path(config_file: Path, engine: Engine) -> Path:
    """Where the configuration written for an engine without our plugin goes: next to mkdocs.yml, as
    Zensical takes the folder of its configuration for the project's root (docs_dir and site_dir must
    lie inside it). A hidden file of ours, rewritten on every build; the user's file is never touched."""
    return config_file.parent / f".briefing-{engine.name}.yml"


def docs_mirror_path(config_file: Path, engine: Engine) -> Path:
    """The folder the engine reads as docs_dir: inside the project (Zensical's rule), in the cache."""
    return config_file.parent / ".cache" / "briefing" / f"{engine.name}-docs"


def mirror_docs(docs_dir: Path, mirror: Path, articles_rel: str | None) -> None:
    """Make ``mirror`` hold what docs_dir holds except the articles folder and hidden files, as hard
    links (a copy where links cannot be made): the pages an engine without our plugin publishes. Zensical
    0.0.30 has no ``exclude_docs`` and follows no symbolic link; a link costs no copy of the pages, and a
    file the generator replaced is linked anew."""
    skip = docs_dir / articles_rel if articles_rel is not None else None
    wanted: set[Path] = set()
    for folder, dirs, files in os.walk(docs_dir):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d != skip)
        rel = here.relative_to(docs_dir)
        (mirror / rel).mkdir(parents=True, exist_ok=True)
        wanted.add(mirror / rel)
        for name in files:
            if name.startswith("."):
                continue
            src, dst = here / name, mirror / rel / name
            wanted.add(dst)
            try:
                if dst.exists() and os.path.samefile(src, dst):
                    continue
            except OSError:
                pass
            tmp = dst.with_name(f".{name}.briefing-tmp")
            tmp.unlink(missing_ok=True)
            try:
                os.link(src, tmp)
            except OSError:
                import shutil

                shutil.copy2(src, tmp)
            os.replace(tmp, dst)
    for folder, dirs, files in os.walk(mirror, topdown=False):  # what docs_dir no longer holds
        here = Path(folder)
        for name in files:
            if here / name not in wanted:
                (here / name).unlink()
        for name in dirs:
            if here / name not in wanted:
                (here / name).rmdir()


def site_config(engine: Engine, config_file: Path, docs_dir: Path, articles_rel: str | None) -> Path:
    """The configuration file the engine builds from. Engines that run our plugin read the user's own.
    For the others one is written that inherits it and reads its pages from a mirror of docs_dir
    without the articles folder (:func:`mirror_docs`), brought up to date here."""
    import json

    config_file = Path(config_file)
    if engine.runs_plugin:
        return config_file
    mirror = docs_mirror_path(config_file, engine)
    mirror_docs(Path(docs_dir), mirror, articles_rel)
    lines = [f"# Written by briefing for {engine.name}, which does not run the briefing plugin: the site's",
             f"# {config_file.name}, over its pages without the articles. Rewritten on every build; edit {config_file.name}.",
             f"INHERIT: {json.dumps(config_file.name)}",
             f"docs_dir: {json.dumps(mirror.relative_to(config_file.parent).as_posix())}"]
    target = generated_config_path(config_file, engine)
    output.write_if_changed(target, ("\n".join(lines) + "\n").encode("utf-8"))
    return target


def command(engine: Engine, action: str, config: Path, *, strict: bool = False, dev_addr: str | None = None) -> list[str]:
    """The command line that builds (``action="build"``) or serves the site with the engine."""
    cmd = [sys.executable, "-m", engine.module, action, "-f", str(config)]
    if strict and engine.strict and action == "build":
        cmd.append("--strict")
    if dev_addr and action == "serve":
        cmd += ["--dev-addr", dev_addr]
    return cmd


def environment(generated: bool) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if generated:
        env[GENERATED_ENV] = "1"
    return env


def build_site(engine: Engine, config_file: Path, docs_dir: Path, articles_rel: str | None, *,
               strict: bool = False) -> None:
    """Build the site from the pages already generated (the plugin, if the engine runs it, does not
    generate again). Raises :class:`EngineError` with the engine's last line of output when it fails."""
    if why := missing(engine):
        raise EngineError(why)
    config_file = Path(config_file).resolve()  # the engine runs in the project's folder
    config = site_config(engine, config_file, docs_dir, articles_rel)
    proc = subprocess.run(command(engine, "build", config, strict=strict), cwd=config_file.parent,
                          env=environment(generated=True), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise EngineError(f"{engine.name} build failed: {reason(proc.stdout, proc.returncode)}")


def reason(text: str, code: int) -> str:
    """The line of an engine's output that says why it failed: its first warning or error (with
    ``--strict`` a warning is what stops it), else its last line."""
    import re

    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        if re.match(r"(WARNING|ERROR|Warning:|Error:)", line):
            where = re.search(r"\[ (\S+:\d+:\d+) \]", " ".join(lines[i + 1:i + 2]))  # zensical names the file below
            return f"{where.group(1)}: {line}" if where else line
    return lines[-1] if lines else f"exit status {code}"


def signature(folders: list[Path]) -> tuple:
    """What changes when a file under the folders is added, removed, edited or renamed."""
    entries = []
    for folder in folders:
        if folder.is_dir():
            for p in folder.rglob("*"):
                try:
                    st = p.stat()
                except OSError:
                    continue
                entries.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(sorted(entries))


def serve(engine: Engine, config_file: Path, docs_dir: Path, articles_rel: str | None, *, dev_addr: str | None,
          regenerate: Callable[[], None], watched: list[Path]) -> int:
    """Serve the site with the engine until it stops (or Ctrl-C). For an engine without our plugin the
    pages are regenerated (``regenerate``) whenever a file under ``watched`` changes; the engine's own
    server sees the generated pages change and rebuilds."""
    if why := missing(engine):
        raise EngineError(why)
    config_file = Path(config_file).resolve()
    config = site_config(engine, config_file, docs_dir, articles_rel)
    cmd = command(engine, "serve", config, dev_addr=dev_addr)
    proc = subprocess.Popen(cmd, cwd=config_file.parent, env=environment(generated=False))
    # a terminated `briefing serve` stops its engine too (SIGTERM would otherwise leave it running)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        if engine.serve_regenerates:
            return proc.wait()
        seen = signature(watched)
        while proc.poll() is None:
            time.sleep(WATCH_SECONDS)
            now = signature(watched)
            if now != seen:
                regenerate()
                seen = signature(watched)
                site_config(engine, config_file, docs_dir, articles_rel)  # the engine sees the new pages
        return proc.returncode
    finally:
        signal.signal(signal.SIGTERM, previous)
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
