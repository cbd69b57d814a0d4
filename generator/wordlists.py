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
