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
