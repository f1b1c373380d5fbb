"""Score quote attribution against PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR annotates every attribution of 1,008 US political news articles (2016) in brat standoff:
``T`` lines are spans (``Source``, ``Cue``, ``Content``; ``Discard``/``Discuss`` are ignored), a
span may be discontinuous (``10 20;30 40``: a quote split by its attribution is one ``Content``),
and ``E`` lines tie a cue to its source and content. ``data/metadata.tsv`` gives each article's
compartment (``train``/``dev``/``test``), publication date and annotators; a few articles were
annotated by several people, and the first annotator's file in name order is used.

Each article (its whole text file, headline included, with its publication date) goes through
``eventwire.pipeline.process``, so the cleaner normalises Unicode and white space and may cut a
dateline or a repeated paragraph. Gold offsets are carried into the cleaned text by a character
alignment (``difflib.SequenceMatcher`` over the two strings, without its junk heuristic): a gold
span maps to the cleaned characters aligned with its first and last aligned characters. A span
whose text was cut entirely cannot be found and stays in the denominator as a miss.

Scoring, per role (source, cue, content), independently and within each article:

- a span is compared after trimming white space and punctuation at its ends (quotation marks,
  commas, full stops, colons, dashes): PolNeAR's own rules put quotation marks in the content and
  the closing full stop outside it, and eventwire's content spans follow those rules, but annotators
  vary at these edges and they say nothing about what was found;
- *exact*: the same trimmed pieces (a discontinuous span matches only with the same pieces);
- *overlap*: the characters shared cover at least half of the longer of the two spans;
- matching is one-to-one (greedy by overlap); precision is over distinct predicted spans (two quotes
  with one speaker mention count that mention once), recall over gold spans;
- ``speaker_accuracy``: of the gold attributions that have a source and whose content was found
  (overlap), the share whose predicted quote's speaker mention overlaps the gold source span.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from eventwire.errors import EvaluationError
from eventwire.model import Extraction, Quote, RawArticle

ROLES = ("source", "cue", "content")
Pieces = tuple[tuple[int, int], ...]  # sorted, non-overlapping [start, end) character ranges


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldAttribution:
    """One annotated attribution: each role as character ranges into the article's text."""

    id: str
    source: Pieces = ()
    cue: Pieces = ()
    content: Pieces = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """One PolNeAR article: its raw text, publication date and attributions."""

    name: str
    text: str
    published: dt.date | None
    attributions: tuple[GoldAttribution, ...] = ()


# -- reading ------------------------------------------------------------------------------------


def _data_dir(path: Path, split: str) -> tuple[Path, str]:
    """Accept the benchmark root, its ``data`` directory or one split's directory."""
    if (path / "data" / "metadata.tsv").is_file():
        return path / "data", split
    if (path / "metadata.tsv").is_file():
        return path, split
    if (path.parent / "metadata.tsv").is_file() and (path / "attributions").is_dir():
        return path.parent, path.name
    raise EvaluationError(
        f"{path} is not a PolNeAR directory: expected data/metadata.tsv under it; "
        "pass the benchmark root, its data/ directory or a split such as data/dev"
    )


_ANN_LINE = re.compile(r"^[A-Z#]\d+\t")


def parse_ann(text: str, *, origin: str = "<ann>") -> tuple[GoldAttribution, ...]:
    """Parse brat standoff into attributions (``E`` lines with their ``T`` spans).

    Raises:
        EvaluationError: a line is malformed or names a span that does not exist.
    """
    spans: dict[str, Pieces] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not _ANN_LINE.match(line) or line.startswith("#"):
            continue  # a blank line, a comment, or the rest of a span text that spans lines
        cells = line.split("\t")
        try:
            if line.startswith("T"):
                _, offsets = cells[1].split(" ", 1)
                pieces = []
                for part in offsets.split(";"):
                    start, end = part.split()
                    pieces.append((int(start), int(end)))
                spans[cells[0]] = tuple(sorted(pieces))
            elif line.startswith("E"):
                args = dict(arg.split(":", 1) for arg in cells[1].split()[1:])
                events.append((cells[0], args))
        except (IndexError, ValueError) as exc:
            raise EvaluationError(f"{origin}:{lineno}: not brat standoff ({line[:60]!r})") from exc
    out = []
    for name, args in events:
        roles: dict[str, Pieces] = {}
        for role, ref in args.items():
            if role.lower() not in ROLES:
                continue
            if ref not in spans:
                raise EvaluationError(f"{origin}: {name} names {ref}, which is not defined")
            roles[role.lower()] = spans[ref]
        out.append(GoldAttribution(id=name, **roles))
    return tuple(out)


def read_split(path: Path, *, split: str = "dev") -> Iterator[GoldArticle]:
    """Yield the articles of one compartment of PolNeAR with their attributions.

    Raises:
        EvaluationError: the directory, metadata or an annotation file cannot be read.
    """
    data, split = _data_dir(path, split)
    try:
        with open(data / "metadata.tsv", encoding="utf-8", newline="") as handle:
            rows = [r for r in csv.DictReader(handle, delimiter="\t") if r.get("compartment") == split]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"cannot read {data / 'metadata.tsv'}: {exc}") from exc
    if not rows:
        raise EvaluationError(f"no articles of split {split!r} in {data / 'metadata.tsv'}")
    for row in rows:
        name = row["filename"]
        anns = sorted((data / split / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            raise EvaluationError(f"no annotation file for {name} in {data / split / 'attributions'}")
        try:
            text = (data / split / "text" / f"{name}.txt").read_text(encoding="utf-8")
            ann = anns[0].read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"cannot read article {name}: {exc}") from exc
        try:
            published = dt.date.fromisoformat(row.get("publication_date") or "")
        except ValueError:
            published = None
        yield GoldArticle(name=name, text=text, published=published,
                          attributions=parse_ann(ann, origin=str(anns[0])))  # fmt: skip


# -- alignment ----------------------------------------------------------------------------------


def char_map(raw: str, cleaned: str) -> list[int | None]:
    """Map each character of ``raw`` to its position in ``cleaned`` (None: not in the cleaned text).

    Both sides are compared after NFKC, as the cleaner applies it; a raw character that NFKC
    expands ("…" → "...") maps through its first character.
    """
    folded: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(raw):
        norm = unicodedata.normalize("NFKC", ch)
        folded.extend(norm)
        owner.extend([i] * len(norm))
    matcher = difflib.SequenceMatcher(None, "".join(folded), cleaned, autojunk=False)
    out: list[int | None] = [None] * len(raw)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            if out[owner[a + k]] is None:
                out[owner[a + k]] = b + k
    return out


def map_pieces(pieces: Pieces, mapping: list[int | None]) -> Pieces:
    """Carry raw character ranges into the cleaned text; pieces cut by cleaning are dropped."""
    out = []
    for start, end in pieces:
        inside = [m for m in mapping[start:end] if m is not None]
        if inside:
            out.append((inside[0], inside[-1] + 1))
    return tuple(out)


# -- scoring ------------------------------------------------------------------------------------

_LEAD = re.compile(r"[\s\W_]*")
_TAIL = re.compile(r"[\s\W_]*\Z")


def trim(pieces: Iterable[tuple[int, int]], text: str) -> Pieces:
    """Trim white space and punctuation from both ends of each piece; drop empty pieces."""
    out = []
    for start, end in pieces:
        segment = text[start:end]
        lead = _LEAD.match(segment).end()  # type: ignore[union-attr]
        if lead == len(segment):
            continue
        tail = _TAIL.search(segment).start()  # type: ignore[union-attr]
        out.append((start + lead, start + tail))
    return tuple(sorted(out))


def _size(pieces: Pieces) -> int:
    return sum(e - s for s, e in pieces)


def _shared(a: Pieces, b: Pieces) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def overlap_ratio(a: Pieces, b: Pieces) -> float:
    """Shared characters over the length of the longer span."""
    longest = max(_size(a), _size(b))
    return _shared(a, b) / longest if longest else 0.0


def match(gold: list[Pieces], predicted: list[Pieces], *, exact: bool) -> dict[int, int]:
    """Match gold to predicted spans one-to-one; return {gold index: predicted index}."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if exact:
                if g == p:
                    pairs.append((1.0, gi, pi))
            else:
                ratio = overlap_ratio(g, p)
                if ratio >= 0.5:
                    pairs.append((ratio, gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def quote_pieces(quote: Quote) -> dict[str, Pieces]:
    """The source, cue and content ranges of a predicted quote (empty when absent)."""
    parts = getattr(quote, "parts", ()) or (quote.content,)
    speaker = quote.speaker.span if quote.speaker is not None and quote.speaker.span is not None else None
    return {
        "source": ((speaker.start, speaker.end),) if speaker else (),
        "cue": ((quote.cue.start, quote.cue.end),) if quote.cue else (),
        "content": tuple(sorted((p.start, p.end) for p in parts)),
    }


@dataclass(slots=True)
class Tally:
    """Counts for one role and one matching criterion."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    def scores(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(slots=True)
class Scorer:
    """Accumulate PolNeAR scores article by article."""

    tallies: dict[tuple[str, bool], Tally] = field(
        default_factory=lambda: {(r, e): Tally() for r in ROLES for e in (True, False)})  # fmt: skip
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    gold_unaligned: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0

    def add(self, text: str, gold: Iterable[GoldAttribution], quotes: Iterable[Quote]) -> None:
        """Score one article: ``gold`` already in the coordinates of ``text`` (the cleaned text)."""
        gold = list(gold)
        quotes = list(quotes)
        self.documents += 1
        self.gold += len(gold)
        self.predicted += len(quotes)
        self.gold_unaligned += sum(1 for g in gold if g.content and not trim(g.content, text))
        predicted = [{r: trim(p, text) for r, p in quote_pieces(q).items()} for q in quotes]
        content_links: dict[int, int] = {}
        for role in ROLES:
            golds = [trim(getattr(g, role), text) for g in gold]
            gold_index = [i for i, g in enumerate(golds) if g]
            distinct: list[Pieces] = []
            for pieces in (p[role] for p in predicted):
                if pieces and pieces not in distinct:
                    distinct.append(pieces)
            for exact in (True, False):
                links = match([golds[i] for i in gold_index], distinct, exact=exact)
                tally = self.tallies[(role, exact)]
                tally.gold += len(gold_index)
                tally.predicted += len(distinct)
                tally.matched += len(links)
                if role == "content" and not exact:
                    content_links = {gold_index[g]: p for g, p in links.items()}
        # content_links point into the distinct content list; map back to a quote by its pieces.
        contents = []
        for p in predicted:
            if p["content"] and p["content"] not in contents:
                contents.append(p["content"])
        for gi, pi in content_links.items():
            source = trim(gold[gi].source, text)
            if not source:
                continue
            self.speaker_total += 1
            quote = next(q for q in predicted if q["content"] == contents[pi])
            if quote["source"] and _shared(quote["source"], source) > 0:
                self.speaker_correct += 1

    def metrics(self) -> dict[str, Any]:
        """Return the metrics as a flat dict."""
        out: dict[str, Any] = {}
        for role in ROLES:
            for exact in (True, False):
                p, r, f = self.tallies[(role, exact)].scores()
                suffix = "" if exact else "_overlap"
                out[f"{role}_precision{suffix}"] = round(p, 4)
                out[f"{role}_recall{suffix}"] = round(r, 4)
                out[f"{role}_f1{suffix}"] = round(f, 4)
        out["speaker_accuracy"] = round(self.speaker_correct / self.speaker_total, 4) if self.speaker_total else 0.0
        out["speaker_scored"] = self.speaker_total
        out.update(documents=self.documents, gold=self.gold, predicted=self.predicted,
                   gold_unaligned=self.gold_unaligned)  # fmt: skip
        return out


def align_gold(article: GoldArticle, cleaned: str) -> list[GoldAttribution]:
    """Carry an article's gold attributions into the coordinates of its cleaned text."""
    mapping = char_map(article.text, cleaned)
    return [
        dataclasses.replace(g, **{r: map_pieces(getattr(g, r), mapping) for r in ROLES})
        for g in article.attributions
    ]


def evaluate(path: Path, *, settings, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """Run the pipeline over a PolNeAR split and score its quotes.

    Args:
        path: the benchmark root, its ``data`` directory, or a split directory (``data/train``),
            whose name then chooses the split.
        settings: the eventwire settings (model, lexicons).
        split: ``dev`` (default) or ``train``; never tune on ``test``.
        limit: score only the first ``limit`` articles.

    Raises:
        EvaluationError: the gold data cannot be read.
    """
    from eventwire.pipeline import Resources, process

    articles = list(read_split(path, split=split))[:limit]
    resources = Resources.load(settings)
    quiet = dataclasses.replace(settings, min_english_ratio=0.0)
    raws = [RawArticle(text=a.text, id=a.name, published=a.published) for a in articles]
    by_name = {a.name: a for a in articles}
    scorer = Scorer()
    for item in process(raws, settings=quiet, resources=resources):
        if not isinstance(item, Extraction):
            raise EvaluationError(f"article {getattr(item, 'article_id', None)} was not processed: "
                                  f"{getattr(item, 'reason', 'skipped')}")  # fmt: skip
        article = by_name[item.article.id]
        scorer.add(item.article.text, align_gold(article, item.article.text), item.quotes)
    return scorer.metrics()
