"""eventwire: structured, verifiable political event data from news text.

    >>> import eventwire
    >>> result = eventwire.extract("Kenyan police arrested 40 protesters in Nairobi on Tuesday.",
    ...                            published="2024-06-20")
    >>> result.events[0].event_type
    'COERCE'

    >>> store = eventwire.open("eventwire.duckdb")
    >>> store.events(type="ASSAULT", country="IRQ")   # a pandas DataFrame
"""

from eventwire.model import Actor, Article, Event, Extraction, Location, Place, Quote, Rejection, Span, Timex
from eventwire.pipeline import extract
from eventwire.store import Store, open

__all__ = [
    "Actor", "Article", "Event", "Extraction", "Location", "Place", "Quote", "Rejection", "Span",
    "Store", "Timex", "extract", "open",
]  # fmt: skip
