"""Look up CAMEO event codes and their PLOVER equivalents.

The table is ``lexicons/cameo_plover.tsv``, converted from the PLOVER project's official CAMEO to
PLOVER conversion table (2021). CAMEO roots 01 (make public statement) and 02 (appeal) have no
PLOVER type. A few codes are filed under a PLOVER type of another root (163 "impose embargo" is
COERCE, 191/192 are COERCE, 1712 and 175 are ASSAULT), so a code's root and its PLOVER type are two
separate facts: :func:`cameo_root` gives the first, :func:`cameo_to_plover` the second.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from eventwire.errors import ConfigError
from eventwire.model import EVENT_TYPES

# The general ("x0") code of the root each PLOVER type mostly comes from. ASSAULT covers roots 18,
# 19 and 20; 190 (conventional military force) is the most frequent in news-based gold data.
# ACCUSE covers 09 (investigate) and 11 (disapprove); 110 is the general case, 090 its
# "investigate" mode (see plover_default_cameo).
_TYPE_DEFAULTS: Mapping[str, str] = MappingProxyType({
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "084", "ACCUSE": "110", "REQUEST": "100", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "190",
})  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class CameoEntry:
    """One CAMEO event code and the PLOVER type, mode and context it converts to."""

    code: str
    name: str
    event_type: str
    mode: str | None
    context: str | None


def cameo_root(code: str | None) -> str | None:
    """Return the two-digit root of a CAMEO event code (``"0871"`` -> ``"08"``), or None.

    None is returned for anything that is not a CAMEO code: not 2 to 4 digits, or a root outside
    01..20.
    """
    if code is None:
        return None
    code = code.strip()
    if not (2 <= len(code) <= 4 and code.isascii() and code.isdigit()):
        return None
    return code[:2] if 1 <= int(code[:2]) <= 20 else None


def cameo_to_plover(code: str | None) -> tuple[str, str | None] | None:
    """Return the PLOVER ``(event_type, mode)`` of a CAMEO code, or None if it has none.

    A code missing from the table takes its parent's conversion (``"0815"`` -> ``"081"``); a bare
    root takes its general code's (``"08"`` -> ``"080"``). Roots 01 and 02 have no PLOVER type.
    """
    entry = _lookup(code)
    return (entry.event_type, entry.mode) if entry else None


def cameo_context(code: str | None) -> str | None:
    """Return the PLOVER context of a CAMEO code (``"0332"`` -> ``"military"``), or None.

    A code missing from the table takes its parent's context, as in :func:`cameo_to_plover`.
    """
    entry = _lookup(code)
    return entry.context if entry else None


def _lookup(code: str | None) -> CameoEntry | None:
    """The table entry of a code, else of its nearest parent, else of its root's general code."""
    if code is None or cameo_root(code) is None:
        return None
    table = load_table()
    code = code.strip()
    candidates = [code + "0"] if len(code) == 2 else [code[:n] for n in range(len(code), 2, -1)]
    return next((table[c] for c in candidates if c in table), None)


def cameo_name(code: str | None) -> str | None:
    """Return the CAMEO name of a code in the table (``"173"`` -> ``"Arrest, detain, ..."``)."""
    entry = load_table().get((code or "").strip())
    return entry.name if entry else None


def plover_default_cameo(event_type: str, *, mode: str | None = None) -> str | None:
    """Return a representative CAMEO code for a PLOVER event type (and mode), or None.

    Without a mode (or with one the table does not list for the type) this is the general code of
    the type's main root, e.g. ``"CONSULT"`` -> ``"040"``. With a mode it is the table's code for
    that type and mode, preferring the type's main root, then the shortest and lowest code:
    ``("ACCUSE", "investigate")`` -> ``"090"``, ``("RETREAT", "ceasefire")`` -> ``"0871"``.
    """
    default = _TYPE_DEFAULTS.get(event_type)
    if default is None or not mode:
        return default
    table = load_table().values()
    matches = [e.code for e in table if e.event_type == event_type and e.mode == mode]
    if not matches:
        return default
    return min(matches, key=lambda c: (c[:2] != default[:2], len(c), c))


@functools.cache
def load_table() -> Mapping[str, CameoEntry]:
    """Load ``lexicons/cameo_plover.tsv`` once: CAMEO code -> entry.

    Raises:
        ConfigError: the file is missing or a row is malformed.
    """
    resource = importlib.resources.files("eventwire.lexicons").joinpath("cameo_plover.tsv")
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the CAMEO table {resource}: {exc}; "
                          "reinstall eventwire") from exc  # fmt: skip
    return MappingProxyType(parse_table(text, source=str(resource)))


def parse_table(text: str, *, source: str = "<string>") -> dict[str, CameoEntry]:
    """Parse the TSV table (comment lines start with ``#``; the first other line is the header).

    Raises:
        ConfigError: a row has the wrong number of columns, a bad code, an unknown PLOVER type, or
            repeats a code.
    """
    entries: dict[str, CameoEntry] = {}
    header_seen = False
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise ConfigError(f"{source}:{lineno}: expected 5 tab-separated columns, "
                              f"got {len(fields)}")  # fmt: skip
        code, name, event_type, mode, context = (f.strip() for f in fields)
        if cameo_root(code) is None or len(code) < 3:
            raise ConfigError(f"{source}:{lineno}: {code!r} is not a 3- or 4-digit CAMEO code")
        if event_type not in EVENT_TYPES:
            raise ConfigError(f"{source}:{lineno}: {event_type!r} is not a PLOVER event type; "
                              f"use one of {', '.join(EVENT_TYPES)}")  # fmt: skip
        if code in entries:
            raise ConfigError(f"{source}:{lineno}: code {code} is listed twice")
        entries[code] = CameoEntry(code=code, name=name, event_type=event_type, mode=mode or None,
                                   context=context or None)  # fmt: skip
    return entries
