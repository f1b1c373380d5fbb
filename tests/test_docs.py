"""The README and the lexicon documentation tell the truth about the code."""

from __future__ import annotations

import dataclasses
import re

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.settings import Settings

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for name in main.commands:
        assert f"`eventwire {name}" in README, name


def test_every_setting_is_documented():
    table = README.split("## Settings", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    assert documented == {f.name for f in dataclasses.fields(Settings)}
    for field in dataclasses.fields(Settings):
        if field.default is not None:
            assert f"| `{field.name}` | `{field.default}` |" in table, field.name


def test_every_lexicon_is_documented():
    doc = (ROOT / "src/eventwire/lexicons/README.md").read_text(encoding="utf-8")
    for path in (ROOT / "src/eventwire/lexicons").glob("*.tsv"):
        assert f"`{path.name}`" in doc, path.name


def test_readme_example_output_is_what_the_command_prints(tmp_path):
    story = README.split("`story.txt`", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    expected = README.split("<!-- example-output -->", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "story.txt"
    path.write_text(story, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    table = [line.rstrip() for line in expected.splitlines()[1:]]
    assert [line.rstrip() for line in result.stdout.splitlines()] == table
    assert result.stderr.split(" in ")[0] == expected.splitlines()[0].split(" in ")[0]


def test_readme_python_example_is_real():
    import eventwire

    block = README.split("## Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    printed = re.search(r"^# (.+)$", block, flags=re.MULTILINE).group(1)
    result = eventwire.extract("Kenyan police arrested 40 protesters in Nairobi on Tuesday.", published="2024-06-20")
    lines = [" ".join(str(x) for x in (e.event_type, e.status, e.date, [a.name for a in e.source],
                                        [a.name for a in e.target], e.location.name))
             for e in result.events]  # fmt: skip
    assert printed in lines
