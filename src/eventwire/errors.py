"""The exceptions eventwire raises.

    EventwireError            anything eventwire raises on purpose
    ├── InputError            an article or input file cannot be processed (becomes a Rejection)
    │   └── FetchError        a web page or feed cannot be fetched (HTTP error, timeout, too big)
    ├── ConfigError           a setting, flag or lexicon is invalid
    ├── StoreError            the database cannot be opened, migrated or written
    └── EvaluationError       a gold file cannot be read or scored
"""


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input cannot be processed; the pipeline records it as a rejection and goes on.

    Args:
        reason: what is wrong, in words a user can act on.
        source: the file or URL the input came from, if known.
        article_id: the article's id, if known.
    """

    def __init__(self, reason: str, *, source: str | None = None, article_id: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.source = source
        self.article_id = article_id


class FetchError(InputError):
    """A URL cannot be fetched: a connection error, a timeout, an HTTP error or an oversized body.

    Args:
        status: the HTTP status of the last response, if there was one.
    """

    def __init__(self, reason: str, *, source: str | None = None, status: int | None = None):
        super().__init__(reason, source=source)
        self.status = status


class ConfigError(EventwireError):
    """A setting, flag or lexicon file is invalid."""


class StoreError(EventwireError):
    """The database cannot be opened, migrated or written."""


class EvaluationError(EventwireError):
    """A gold file cannot be read or scored."""
