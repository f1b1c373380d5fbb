"""The event coder's named rules: each documented, each firing on its own example, its knowledge in data."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from eventwire.extract.rules import Rule, trace
from eventwire.lexicon import Lexicon, bundled_text, read_table

EXTRACT = importlib.import_module("eventwire.extract")  # the package (``eventwire.extract`` is also a function)
SRC = Path(EXTRACT.__file__).resolve().parent.parent


def _rule_tuples() -> list[tuple[str, str, tuple[Rule, ...]]]:
    """Every module-level tuple of rules in ``eventwire.extract``: (module, name, rules)."""
    found = []
    for info in pkgutil.walk_packages(EXTRACT.__path__, "eventwire.extract."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, tuple) and value and all(isinstance(r, Rule) for r in value):
                found.append((info.name, name, value))
    return found


RULE_TUPLES = _rule_tuples()
RULES = [pytest.param(rules[n], id=f"{name}:{rules[n].name}") for _, name, rules in RULE_TUPLES for n in range(len(rules))]


def test_the_event_decisions_are_rule_tuples():
    names = {name for module, name, _ in RULE_TUPLES if module.startswith("eventwire.extract.events")}
    assert {"VERB_SENSES", "NOUN_SENSES", "VERB_GUARDS", "NOUN_GUARDS", "ARGUMENT_GUARDS", "SOURCE_RULES",
            "TARGET_FALLBACKS", "CLAUSE_TARGETS", "NOUN_STEPS", "RECODINGS", "STATUS_RULES", "CLIMB_RULES",
            "CODE_RULES", "FALLBACKS"} <= names  # fmt: skip


@pytest.mark.parametrize(("module", "name", "rules"), RULE_TUPLES, ids=[f"{m}.{n}" for m, n, _ in RULE_TUPLES])
def test_rules_have_unique_names_a_reason_and_an_example(module, name, rules):
    assert len({r.name for r in rules}) == len(rules), [r.name for r in rules]
    for each in rules:
        assert re.fullmatch(r"[a-z][a-z-]*[a-z]", each.name), each.name
        assert each.reason.endswith((".", ")", "\"")) and len(each.reason) > 20, (each.name, each.reason)
        assert each.example.strip().endswith((".", "”", '"')), (each.name, each.example)


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_decides_on_its_own_example(analyse_text, rule):
    with trace() as fired:
        analyse_text(rule.example, "2024-05-15")
    assert rule in fired, f"{rule.name!r} did not fire on its example {rule.example!r}: {[r.name for r in fired]}"


def _used_in_code(pattern: str) -> set[str]:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return used


def test_every_word_class_the_code_asks_for_is_in_words_tsv_and_every_class_is_used():
    classes = set(Lexicon.load().words.classes)
    used = _used_in_code(r'words\["([a-z0-9-]+)"\]')
    used |= {w[1:] for row in read_table(bundled_text("object_senses.tsv"), columns=5, origin="object_senses.tsv")
             for w in row[1].split() if w.startswith("@")}  # fmt: skip
    assert used - classes == set(), "asked for but not in words.tsv"
    assert classes - used == set(), "in words.tsv but used by no rule"


def test_every_sense_the_code_names_is_in_senses_tsv_and_every_sense_is_named():
    senses = set(Lexicon.load().events.senses)
    used = _used_in_code(r'sense\("([a-z-]+)"')
    used |= {m for path in SRC.rglob("*.py") for m in re.findall(r'"(strike-(?:hunger|boycott))"', path.read_text())}
    assert used - senses == set()
    assert senses - used == set()


def test_an_events_rules_name_why_it_was_coded_so(events_of):
    (event,) = [e for e in events_of("Police did not arrest the protesters.") if e.event_type == "COERCE"]
    assert event.status == "negated"
    assert event.rules == ("source:subject", "target:object", "status:negation")
    (event,) = events_of("Germany will send tanks to Ukraine.")
    assert (event.event_type, event.cameo) == ("AGREE", "033")
    assert "status:modal-future" in event.rules and "code:intent-to-cooperate" in event.rules


def test_a_user_trigger_row_adds_a_word_and_one_recodes_a_bundled_word(tmp_path, settings):
    import dataclasses

    from eventwire.pipeline import extract

    sentence = "The rebels encircled the town of Ruma and the army shelled their positions."
    before = {e.trigger.text: e.event_type for e in extract(sentence, settings=settings).events}
    user = tmp_path / "triggers.tsv"
    user.write_text("# our own words\nencircle\tVERB\tCOERCE\trestrict\t191\n"
                    "shell\tVERB\tCOERCE\t\t170\n", encoding="utf-8")  # fmt: skip
    mine = dataclasses.replace(settings, user_triggers=str(user))
    after = {e.trigger.text: (e.event_type, e.cameo) for e in extract(sentence, settings=mine).events}
    assert "encircled" not in before and before["shelled"] == "ASSAULT"
    assert after["encircled"] == ("COERCE", "191")
    assert after["shelled"] == ("COERCE", "170")
    assert Lexicon.load(user_triggers=user).version != Lexicon.load().version


def test_a_user_trigger_file_that_cannot_be_read_is_a_config_error(tmp_path):
    from eventwire.errors import ConfigError

    with pytest.raises(ConfigError, match="cannot read user trigger file"):
        Lexicon.load(user_triggers=tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("attack\tVERB\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="expected 5 tab-separated columns"):
        Lexicon.load(user_triggers=bad)
