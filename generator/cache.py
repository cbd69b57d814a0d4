"""Per-article results cached on disk, keyed by the article and the pipeline version.

A new model, gazetteer or extractor version changes the key, so stale results
are never reused; an unchanged article is never parsed twice. Each article
has one entry per kind of result ("facts", "story" features).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from .model import Article, Facts
from .output import cache_write
from .serialize import facts_from_dict


class ArticleCache:
    def __init__(self, folder: Path | None, version: str):
        self.folder = folder
        self.version = version
        self._keys: dict[Article, str] = {}  # each article is looked up and stored several times
        self.damaged = 0  # entries that were there but could not be used

    def key(self, article: Article) -> str:
        if article not in self._keys:
            payload = json.dumps([self.version, asdict(article)], default=str, sort_keys=True)
            self._keys[article] = hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()
        return self._keys[article]

    def _path(self, article: Article, kind: str) -> Path | None:
        if self.folder is None:
            return None
        k = self.key(article)
        return self.folder / k[:2] / f"{k}.{kind}.json"

    def get(self, article: Article, kind: str) -> dict | None:
        path = self._path(article, kind)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):
            self.damaged += 1  # redone, and the build says so once
            return None
        return data

    def put(self, article: Article, kind: str, data: dict) -> None:
        path = self._path(article, kind)
        if path is not None:
            cache_write(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass"))

    def get_facts(self, article: Article) -> Facts | None:
        data = self.get(article, "facts")
        if data is None:
            return None
        try:
            return facts_from_dict(data, article)
        except Exception:  # noqa: BLE001 - an entry of another version or a damaged one is redone
            self.damaged += 1
            return None

    def put_facts(self, facts: Facts) -> None:
        if self.folder is None:
            return  # no cache (the benchmark's extraction step): no need to turn the facts into a dict
        data = asdict(facts)
        data.pop("article")
        self.put(facts.article, "facts", data)
