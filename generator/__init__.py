"""briefing: news articles in, a static briefing site out. The library is :mod:`generator.api`; its names
are also here (``generator.analyse``, ``generator.group``, ...; ``build`` only as ``generator.api.build``,
as ``generator.build`` is the module), imported when first used so that a worker process that needs only
the parser does not load the site builder."""
from __future__ import annotations

import importlib

_API = ("ENGINES", "Analysis", "Article", "BuildResult", "EngineError", "Facts", "Project", "StoryIndex",
        "StoryAssignment", "analyse", "arrival_order", "build_site", "facts_to_json", "group", "home_is_ours",
        "read", "serve_site", "story_index")


def __getattr__(name: str):
    if name not in _API:  # submodules ("from generator import nlp") are found by the import system
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(importlib.import_module(".api", __name__), name)
