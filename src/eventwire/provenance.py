"""Which coder made a record: extractor versions derived from what decides their output.

Every record says which extractor made it (``Event.extractor == "eventwire.events.3f9a1c2b7d4e"``),
and every stored article which coder coded it (``articles.coder``), so that a store never silently
mixes the output of two versions (see ``pipeline.StoreRun`` and ``eventwire recode``). Versions are
derived, never declared: an extractor's version is a hash of

- its code: the syntax tree of its module (of every file under it, if it is a package), plus the
  shared ``extract/rules.py``, and of every eventwire module these import, followed from import to
  import, so a new module counts as soon as it is imported, with no list to keep up to date;
  comments and layout are not code and change nothing;
- the lexicon tables those modules name (``"countries.tsv"``, ``"cameo_plover.tsv"``);
- what its entry function is given, read from its parameters: the parse (``doc``: the spaCy model's
  name and version), the lexicon (``Lexicon.version``: every actor and event table, the user's
  files included), the gazetteer (``gazetteer.data_version``: its data packages and
  ``lexicons/regions.tsv``), and the output of other extractors (``places``, ``actors``,
  ``timexes``, ``quotes``: their versions).

    timex   extract/timex.py, the parse
    places  extract/places.py, the gazetteer, the parse
    actors  extract/actors.py, extract/rules.py, the lexicon, places, the parse
    quotes  extract/quotes.py, actors, the parse
    events  extract/events.py (or extract/events/), extract/rules.py, actors, places, timex,
            quotes, the gazetteer, the parse
    coder   the five together: what decides whether a stored article is coded again

The tables ``lexicon.py`` and ``gazetteer.py`` name are counted through the versions of the
lexicon and the gazetteer, by the extractors that are given them. The hashing is done once per
process (``pipeline.Resources`` loads it), never per article.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable

PACKAGE = Path(__file__).resolve().parent
_NAME = "eventwire"

# Each extractor: its module (or package) and the function the pipeline calls.
ENTRY_POINTS: tuple[tuple[str, str, str], ...] = (
    ("timex", "extract.timex", "find_timexes"),
    ("places", "extract.places", "find_places"),
    ("actors", "extract.actors", "find_actors"),
    ("quotes", "extract.quotes", "find_quotes"),
    ("events", "extract.events", "find_events"),
)
# Rule code the coders share (see ``extract/rules.py``): part of the coders that write decisions
# as named rules, whether or not a module of theirs imports it yet.
SHARED = {"actors": ("extract.rules",), "events": ("extract.rules",)}
# What an entry function's parameter stands for: a resource, or another extractor's output.
RESOURCES = frozenset({"doc", "lexicon", "gazetteer"})
OUTPUTS = {"places": "places", "actors": "actors", "timexes": "timex", "quotes": "quotes"}
ARTICLE = frozenset({"article"})  # the article being coded: input, not coder
# The modules of the lexicon and the gazetteer: the tables they name count through their versions.
_RESOURCE_MODULES = frozenset({"lexicon.py", "gazetteer.py"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Versions:
    """The version of each extractor, and of the coder they make together."""

    timex: str
    places: str
    actors: str
    quotes: str
    events: str
    coder: str  # what ``articles.coder`` holds

    def as_dict(self) -> dict[str, str]:
        """Return the versions by name (``{"events": "eventwire.events.…", …}``)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True, kw_only=True)
class Sources:
    """What one extractor's code consists of, as found by walking its imports."""

    files: tuple[str, ...]  # module files, relative to the package directory
    tables: tuple[str, ...]  # lexicon tables the files name
    resources: tuple[str, ...]  # of ``RESOURCES``: what its entry function is given
    inputs: tuple[str, ...]  # other extractors whose output it takes
    digest: str  # of the files' syntax trees and the tables' text


def derive(*, lexicon: str, gazetteer: str, model: str, package: Path = PACKAGE) -> Versions:
    """Return the versions of the extractors of ``package`` given the versions of their resources.

    Args:
        lexicon: ``Lexicon.version`` of the lexicon the coders are given.
        gazetteer: ``Gazetteer.version`` (``gazetteer.data_version()``).
        model: the spaCy pipeline's name and version (``parse.model_version``).
        package: the eventwire package directory whose code is hashed (tests hash a copy).

    Raises:
        RuntimeError: an extractor's module or entry function is missing, or the entry function
            takes a parameter this module does not know; update ``ENTRY_POINTS`` or ``OUTPUTS``.
    """
    given = {"doc": model, "lexicon": lexicon, "gazetteer": gazetteer}
    found = sources(Path(package).resolve())
    versions: dict[str, str] = {}
    for name, _, _ in ENTRY_POINTS:  # in order: an extractor's inputs come before it
        src = found[name]
        parts = [f"code {src.digest}"]
        parts += [f"{resource} {given[resource]}" for resource in src.resources]
        parts += [f"input {versions[other]}" for other in src.inputs]
        versions[name] = f"{_NAME}.{name}.{_hash(parts)}"
    return Versions(**versions, coder=f"{_NAME}.coder.{_hash(list(versions.values()))}")


@functools.lru_cache(maxsize=8)
def sources(package: Path = PACKAGE) -> dict[str, Sources]:
    """Return, for each extractor, the files, tables and inputs its version hashes.

    Cached per package directory: a process reads its code once.

    Raises:
        RuntimeError: see ``derive``.
    """
    code = _Code(Path(package).resolve())
    order = [name for name, _, _ in ENTRY_POINTS]
    out: dict[str, Sources] = {}
    for name, module, entry in ENTRY_POINTS:
        files = code.walk([*code.files_of(module, required=True),
                           *(f for shared in SHARED.get(name, ()) for f in code.files_of(shared))])  # fmt: skip
        params = code.parameters(code.files_of(module), entry)
        unknown = [p for p in params if p not in RESOURCES and p not in OUTPUTS and p not in ARTICLE]
        if unknown:
            raise RuntimeError(f"{entry} takes {', '.join(unknown)}, which eventwire.provenance does not know: "
                               "say in its OUTPUTS or RESOURCES what each stands for")  # fmt: skip
        inputs = sorted({OUTPUTS[p] for p in params if p in OUTPUTS}, key=order.index)
        if any(order.index(i) >= order.index(name) for i in inputs):
            raise RuntimeError(f"{entry} takes the output of {', '.join(inputs)}: list it after them in ENTRY_POINTS")
        tables = code.tables(files)
        digest = _hash([f"{f} {code.tree_hash(f)}" for f in files]
                       + [f"{t} {code.table_hash(t)}" for t in tables])  # fmt: skip
        out[name] = Sources(files=tuple(files), tables=tuple(tables), inputs=tuple(inputs), digest=digest,
                            resources=tuple(p for p in sorted(RESOURCES) if p in params))  # fmt: skip
    return out


def _hash(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


class _Code:
    """The source files of one eventwire package directory, each parsed once."""

    def __init__(self, package: Path):
        self.package = package
        self._trees: dict[str, ast.Module] = {}
        self._memo: dict[tuple[str, str], object] = {}  # (what, file) -> answer: shared files are read once

    def _once(self, what: str, file: str, compute: Callable[[str], Any]) -> Any:
        key = (what, file)
        if key not in self._memo:
            self._memo[key] = compute(file)
        return self._memo[key]

    def tree(self, file: str) -> ast.Module:
        if file not in self._trees:
            path = self.package / file
            self._trees[file] = ast.parse(path.read_bytes(), filename=str(path))
        return self._trees[file]

    def tree_hash(self, file: str) -> str:
        # the syntax tree, not the bytes: a comment or a reformatting does not change what is coded
        return self._once("hash", file, lambda f: hashlib.sha256(ast.dump(self.tree(f)).encode("utf-8")).hexdigest())

    def table_hash(self, table: str) -> str:
        return hashlib.sha256((self.package / "lexicons" / table).read_bytes()).hexdigest()

    def module_path(self, dotted: str) -> Path | None:
        """Return the file or package directory of ``eventwire.<dotted>``, or None if there is none."""
        path = self.package.joinpath(*dotted.split("."))
        if (path / "__init__.py").is_file():
            return path
        if path.with_suffix(".py").is_file():
            return path.with_suffix(".py")
        return None

    def files_of(self, dotted: str, *, required: bool = False) -> list[str]:
        """Return the files of a module: itself, or every file under a package."""
        path = self.module_path(dotted)
        if path is None:
            if required:
                raise RuntimeError(f"no module eventwire.{dotted} in {self.package}: update provenance.ENTRY_POINTS")
            return []
        if path.is_dir():
            return sorted(p.relative_to(self.package).as_posix() for p in path.rglob("*.py"))
        return [path.relative_to(self.package).as_posix()]

    def walk(self, roots: list[str]) -> list[str]:
        """Return ``roots`` and the files of every eventwire module they import, transitively."""
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            file = todo.pop()
            if file not in seen:
                seen.add(file)
                todo += [f for dotted in self.imports(file) for f in self.files_of(dotted)]
        return sorted(seen)

    def imports(self, file: str) -> set[str]:
        """Return the eventwire modules a file imports, anywhere in it (``a.b`` for ``eventwire.a.b``)."""
        return self._once("imports", file, self._imports)

    def _imports(self, file: str) -> set[str]:
        here = Path(file).parts[:-1]  # the package the file is in (for __init__.py, the package itself)
        found: set[str] = set()
        for node in self.scan(file)[0]:
            if isinstance(node, ast.Import):
                found |= {m for alias in node.names if (m := _ours(alias.name))}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join([*here[: len(here) - node.level + 1], *(node.module or "").split(".")]).strip(".")
                else:
                    base = _ours(node.module or "")
                    if base is None:
                        continue
                for alias in node.names:
                    sub = f"{base}.{alias.name}".strip(".")
                    if self.module_path(sub) is not None:
                        found.add(sub)  # ``from eventwire.extract import actors``: that module
                    elif base:
                        found.add(base)  # ``from eventwire.model import Event``
        # ``eventwire`` itself ("") is left out: its __init__ imports the whole library, which decides
        # nothing an extractor outputs
        return {m for m in found if m and self.module_path(m) is not None}

    def parameters(self, files: list[str], entry: str) -> list[str]:
        """Return the parameter names of the function ``entry``, defined in one of ``files``."""
        for file in files:
            for node in self.tree(file).body:
                if isinstance(node, ast.FunctionDef) and node.name == entry:
                    args = node.args
                    return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
        raise RuntimeError(f"no function {entry} in {', '.join(files)}: update provenance.ENTRY_POINTS")

    def tables(self, files: list[str]) -> list[str]:
        """Return the lexicon tables a string in ``files`` names (``"countries.tsv"``)."""
        folder = self.package / "lexicons"
        names = {p.name for p in folder.glob("*.tsv")} if folder.is_dir() else set()
        found: set[str] = set()
        for file in files:
            if file in _RESOURCE_MODULES:  # counted through the lexicon's or the gazetteer's version
                continue
            found |= self.scan(file)[1] & names
        return sorted(found)

    def scan(self, file: str) -> tuple[list[ast.Import | ast.ImportFrom], set[str]]:
        """Return a file's import statements and its string constants, in one walk of its tree."""
        return self._once("scan", file, self._scan)

    def _scan(self, file: str) -> tuple[list[ast.Import | ast.ImportFrom], set[str]]:
        imports, strings = [], set()
        for node in ast.walk(self.tree(file)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                imports.append(node)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
        return imports, strings


def _ours(dotted: str) -> str | None:
    """Return ``a.b`` for ``eventwire.a.b``, ``""`` for ``eventwire``, None for other packages."""
    head, _, rest = dotted.partition(".")
    return rest if head == _NAME else None
