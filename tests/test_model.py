"""Records rebuild from their plain dicts: ``from_dict(type, to_dict(r)) == r``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from eventwire import model
from eventwire.errors import InputError
from eventwire.model import (
    Actor, Article, Event, Extraction, Location, Place, Quote, RawArticle, Rejection, Span, Timex, from_dict,
    to_dict,
)  # fmt: skip

RECORDS = (Span, Article, RawArticle, Actor, Location, Place, Timex, Quote, Event, Rejection, Extraction)
_SCALARS = {
    str: st.text(max_size=12),
    int: st.integers(min_value=-(2**53), max_value=2**53),
    float: st.floats(allow_nan=False, allow_infinity=False),
    dt.date: st.dates(),
}


def _strategy(kind: typing.Any) -> st.SearchStrategy:
    """Every value a field of this type can hold, records and tuples of them included."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(_strategy(k) for k in typing.get_args(kind)))
    if origin is tuple:
        return st.lists(_strategy(typing.get_args(kind)[0]), max_size=3).map(tuple)
    if kind is type(None):
        return st.none()
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind, vars(model))
        return st.builds(kind, **{f.name: _strategy(hints[f.name]) for f in dataclasses.fields(kind)})
    return _SCALARS[kind]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_every_record_rebuilds_from_its_dict_and_from_json_of_it(cls):
    @hsettings(max_examples=60, deadline=None)
    @given(record=_strategy(cls))
    def check(record):
        assert from_dict(cls, to_dict(record)) == record
        assert from_dict(cls, json.loads(json.dumps(to_dict(record)))) == record

    check()


def test_dates_tuples_and_nested_records_are_rebuilt():
    text = "Troops shelled Goma on Monday."
    data = {
        "article": {"id": "a", "text": text, "published": "2024-05-13"},
        "events": [{
            "id": "e", "article_id": "a", "event_type": "ASSAULT", "mode": None, "cameo": "195",
            "source": [{"text": "Troops", "name": "troops", "span": {"start": 0, "end": 6, "text": "Troops"}}],
            "target": [], "trigger": {"start": 7, "end": 14, "text": "shelled"},
            "sentence": {"start": 0, "end": len(text), "text": text}, "date": "2024-05-13",
            "date_precision": "day", "date_basis": "text", "status": "occurred",
            "location": {"name": "Goma", "country": "COD", "lat": -1.68, "lon": 29.22},
            "confidence": 0.9, "evidence": "shell",
        }],
    }  # fmt: skip
    extraction = from_dict(Extraction, data)
    assert extraction.article.published == dt.date(2024, 5, 13)
    (event,) = extraction.events
    assert isinstance(extraction.events, tuple) and isinstance(event.source, tuple) and event.target == ()
    assert event.source[0].span == Span(start=0, end=6, text="Troops")
    assert event.location == Location(name="Goma", country="COD", lat=-1.68, lon=29.22)
    assert extraction.quotes == () and extraction.places == ()


@pytest.mark.parametrize(("cls", "data", "message"), [
    (Article, {"id": "a"}, "missing 1 required"),
    (Article, {"id": "a", "text": "t", "published": "13/05/2024"}, "Article.published: expected an ISO date"),
    (Article, {"id": "a", "text": "t", "body": "x"}, "no field 'body'"),
    (Extraction, {"article": {"id": "a", "text": "t"}, "events": {"id": "e"}}, "Extraction.events: expected a list"),
    (Quote, {"id": "q", "article_id": "a", "kind": "direct", "content": "said"}, "Quote.content: expected an object"),
])  # fmt: skip
def test_a_dict_that_is_no_record_is_refused_naming_the_field(cls, data, message):
    with pytest.raises(InputError, match=message):
        from_dict(cls, data)
