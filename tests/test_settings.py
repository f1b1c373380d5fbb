"""Settings: defaults < config file < environment < flags, and the deprecated batch_size."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import ConfigError
from eventwire.settings import Settings, load_settings


def test_the_two_batch_sizes_default_to_the_one_of_earlier_releases():
    settings = Settings()
    assert (settings.parse_batch_size, settings.write_batch_size) == (32, 32)
    assert settings.batch_size is None


def test_each_batch_size_is_set_apart_from_every_source(tmp_path):
    config = tmp_path / "e.toml"
    config.write_text("[eventwire]\nparse_batch_size = 64\n", encoding="utf-8")
    settings = load_settings(config=config, environ={"EVENTWIRE_WRITE_BATCH_SIZE": "8"})
    assert (settings.parse_batch_size, settings.write_batch_size) == (64, 8)
    settings = load_settings(config=config, environ={}, overrides={"parse_batch_size": 4})
    assert (settings.parse_batch_size, settings.write_batch_size) == (4, 32)


@pytest.mark.parametrize(("source", "expected"), [
    ({"environ": {"EVENTWIRE_BATCH_SIZE": "2"}}, (2, 2)),
    ({"overrides": {"batch_size": 5}}, (5, 5)),
    # within one source the new names win; a later source wins whichever name it uses
    ({"environ": {"EVENTWIRE_BATCH_SIZE": "2", "EVENTWIRE_WRITE_BATCH_SIZE": "64"}}, (2, 64)),
    ({"environ": {"EVENTWIRE_WRITE_BATCH_SIZE": "64"}, "overrides": {"batch_size": 8}}, (8, 8)),
    ({"environ": {"EVENTWIRE_BATCH_SIZE": "8"}, "overrides": {"write_batch_size": 16}}, (8, 16)),
])  # fmt: skip
def test_the_deprecated_batch_size_sets_both_and_warns(source, expected, caplog):
    with caplog.at_level(logging.WARNING, logger="eventwire.settings"):
        settings = load_settings(**{"environ": {}, **source})
    assert (settings.parse_batch_size, settings.write_batch_size) == expected
    assert settings.batch_size is None
    assert any("deprecated" in r.getMessage() for r in caplog.records)


def test_the_deprecated_batch_size_in_a_config_file(tmp_path):
    config = tmp_path / "e.toml"
    config.write_text("batch_size = 7\n", encoding="utf-8")
    settings = load_settings(config=config, environ={"EVENTWIRE_PARSE_BATCH_SIZE": "100"})
    assert (settings.parse_batch_size, settings.write_batch_size) == (100, 7)


def test_the_deprecated_batch_size_in_python_sets_both_once():
    with pytest.warns(DeprecationWarning, match="parse_batch_size and write_batch_size"):
        settings = Settings(batch_size=4)
    assert (settings.parse_batch_size, settings.write_batch_size, settings.batch_size) == (4, 4, None)
    assert dataclasses.replace(settings, write_batch_size=16).parse_batch_size == 4  # not applied again
    with pytest.raises(ConfigError, match="either it or those two"):
        Settings(batch_size=4, write_batch_size=16)


@pytest.mark.parametrize("name", ["parse_batch_size", "write_batch_size"])
def test_a_batch_size_below_one_is_refused(name):
    with pytest.raises(ConfigError, match=name):
        load_settings(environ={f"EVENTWIRE_{name.upper()}": "0"})


def test_the_batch_size_flags(tmp_path):
    db = tmp_path / "none.duckdb"
    for flags in (["--parse-batch-size", "4", "--write-batch-size", "2"], ["--batch-size", "3"]):
        result = CliRunner().invoke(main, [*flags, "events", "--db", str(db)])
        assert result.exit_code == 1 and "no database" in result.stderr  # the flags were accepted
    result = CliRunner().invoke(main, ["--write-batch-size", "0", "events", "--db", str(db)])
    assert result.exit_code == 2
