"""Word lists and tables kept as data (``generator/data/*.tsv``), read by one reader.

Each file holds tab-separated rows; blank lines and lines starting with ``#`` are comments. A list
that says one thing twice, or two lists that disagree on a word, is an error when the file is read,
not a silent choice made by whichever line came last.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

DATA = Path(__file__).parent / "data"


def rows(name: str | Path, key: Callable[[list[str]], object] | None = None) -> list[tuple[int, list[str]]]:
    """The rows of ``data/name`` (or of the file ``name``, a Path) with their line numbers. With ``key``,
    two rows with the same key (say, the same word in one kind of list) raise ValueError naming both lines."""
    out: list[tuple[int, list[str]]] = []
    seen: dict[object, int] = {}
    path = name if isinstance(name, Path) else DATA / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if key is not None:
            k = key(fields)
            if k in seen:
                raise ValueError(f"{path.name}:{n}: {k!r} is already listed on line {seen[k]}")
            seen[k] = n
        out.append((n, fields))
    return out


SPEECH_USES = ("report", "weak", "actor", "claim")
"""What a reporting verb in data/speech_verbs.tsv is used for (its header says what each means)."""


def speech_verbs(name: str | Path = "speech_verbs.tsv") -> dict[str, frozenset[str]]:
    """The reporting verbs by use (``report``, ``weak``, ``actor``, ``claim``: lemmas) and ``form``
    (the written forms that break a quote as "he said" does). A verb or a form listed twice, a use
    not known, or a weak verb that does not report, is an error."""
    out: dict[str, set[str]] = {use: set() for use in (*SPEECH_USES, "form")}
    form_line: dict[str, int] = {}
    for n, fields in rows(name, key=lambda row: row[0]):
        if len(fields) != 3:
            raise ValueError(f"{name}:{n}: expected verb, uses and forms, got {fields!r}")
        verb, uses, forms = fields
        uses_ = set() if uses == "-" else set(uses.split())
        if uses_ - set(SPEECH_USES):
            raise ValueError(f"{name}:{n}: unknown use {sorted(uses_ - set(SPEECH_USES))} for {verb!r}")
        if "weak" in uses_ and "report" not in uses_:
            raise ValueError(f"{name}:{n}: {verb!r} is weak but does not report")
        for use in uses_:
            out[use].add(verb)
        for form in ([] if forms == "-" else forms.split()):
            if form in form_line:
                raise ValueError(f"{name}:{n}: the form {form!r} is already listed on line {form_line[form]}")
            form_line[form] = n
            out["form"].add(form)
        if not uses_ and forms == "-":
            raise ValueError(f"{name}:{n}: {verb!r} has no use and no form")
    return {use: frozenset(words) for use, words in out.items()}

