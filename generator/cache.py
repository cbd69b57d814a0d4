"""Extraction results cached on disk, keyed by the article and the pipeline version.

A new model, gazetteer or extractor version changes the key, so stale facts are
never reused; an unchanged article is never parsed twice.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from .model import Facts
from .output import atomic_write
from .serialize import facts_from_dict


class FactsCache:
    def __init__(self, folder: Path | None, version: str):
        self.folder = folder
        self.version = version

    def key(self, article) -> str:
        payload = json.dumps([self.version, asdict(article)], default=str, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, article) -> Path | None:
        if self.folder is None:
            return None
        k = self.key(article)
        return self.folder / k[:2] / f"{k}.json"

    def get(self, article) -> Facts | None:
        path = self._path(article)
        if path is None or not path.is_file():
            return None
        try:
            return facts_from_dict(json.loads(path.read_text(encoding="utf-8")), article)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is simply redone

    def put(self, facts: Facts) -> None:
        path = self._path(facts.article)
        if path is None:
            return
        data = asdict(facts)
        data.pop("article")
        atomic_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass"))
