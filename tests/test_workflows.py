"""The GitHub Actions workflows: valid against GitHub's schema, clean under zizmor's audit."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).exists() else shutil.which(name) or name


def test_workflows_match_the_github_schema():
    proc = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_pass_zizmor_offline():
    proc = subprocess.run([tool("zizmor"), "--offline", str(ROOT / ".github" / "workflows")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_pages_workflow_builds_uploads_and_deploys():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build_steps = flow["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make site" for s in build_steps)
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") and s["with"]["path"] == "site"
               for s in build_steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_fetch_workflow_is_scheduled_and_commits_articles():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "fetch.yml").read_text())
    assert flow[True]["schedule"]  # YAML reads the key `on` as True
    script = " ".join(s.get("run", "") for s in flow["jobs"]["fetch"]["steps"])
    assert "briefing fetch" in script and "git add content/articles" in script
    assert "briefing fetch || test $? -eq 1" in script  # a refused item (exit 1) still lets the others land


def _steps(flow: dict, job: str) -> list[dict]:
    return flow["jobs"][job]["steps"]


def test_a_fetch_that_adds_articles_publishes_the_site():
    """A push made with the workflow's own token triggers no other workflow, so fetch calls pages."""
    fetch = yaml.safe_load((ROOT / ".github" / "workflows" / "fetch.yml").read_text())
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert "workflow_call" in pages[True] and pages[True]["push"]["branches"] == ["main"]
    publish = fetch["jobs"]["publish"]
    assert publish["uses"] == "./.github/workflows/pages.yml" and publish["needs"] == "fetch"
    assert publish["if"] == "needs.fetch.outputs.added == 'true'"
    assert fetch["jobs"]["fetch"]["outputs"]["added"] == "${{ steps.commit.outputs.added }}"
    commit = next(s for s in _steps(fetch, "fetch") if s.get("id") == "commit")
    assert 'echo "added=true" >> "$GITHUB_OUTPUT"' in commit["run"]
    assert publish["permissions"]["pages"] == "write" and publish["permissions"]["id-token"] == "write"
    checkout = next(s for s in _steps(pages, "build") if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "main"  # the commit with the new articles


def test_the_pages_build_restores_the_extraction_cache_and_takes_its_address_from_pages():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = _steps(pages, "build")
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/briefing"  # the `cache` option's default, under the project root
    key = cache["with"]["key"]
    assert "hashFiles('generator/**', 'pyproject.toml')" in key and "hashFiles('content/articles/**')" in key
    assert cache["with"]["restore-keys"].strip() == key.rsplit("-${{ hashFiles('content/articles/**') }}", 1)[0] + "-"
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["BRIEFING_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    configure = next(s for s in steps if s.get("id") == "pages")
    assert configure["uses"].startswith("actions/configure-pages@")
    assert steps.index(configure) < steps.index(build) and steps.index(cache) < steps.index(build)
    assert "site_url: !ENV [BRIEFING_SITE_URL," in (ROOT / "mkdocs.yml").read_text()


def test_every_action_is_pinned_to_a_commit_with_its_version():
    import re

    for flow in WORKFLOWS:
        for line in flow.read_text().splitlines():
            m = re.search(r"uses: (\S+)", line)
            if m and not m.group(1).startswith("./"):
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", m.group(1)), line
                assert re.search(r"# v\d+\.\d+\.\d+$", line), line
