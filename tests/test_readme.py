"""The README tells the truth: its command list and option table match the code."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.config import BriefingConfig

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def section(name: str) -> str:
    m = re.search(rf"<!-- {name}:.*?-->(.*?)<!-- /{name} -->", README, re.S)
    assert m, f"README lacks the {name} section"
    return m.group(1)


def test_readme_lists_every_command_and_no_other():
    listed = set(re.findall(r"^\| `briefing (\w+)", section("commands"), re.M))
    assert listed == set(main.commands)


def test_every_command_has_complete_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert command.help and len(command.help.split()) >= 5, name
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"briefing {name} {param.opts[0]} has no help"


def test_readme_documents_every_option_with_its_default():
    rows = dict(re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", section("options"), re.M))
    schema = dict(BriefingConfig._schema)
    assert set(rows) == set(schema)
    for name, option in schema.items():
        default = option.default
        if isinstance(default, bool):
            shown = "true" if default else "false"
        else:
            shown = "[]" if isinstance(default, list) else str(default)
        assert rows[name] == shown, name


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    assert "make serve" in first_block and "make test" in first_block
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert re.search(r"^serve:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
