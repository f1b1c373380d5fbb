"""The analyst's desk: an HTTP API and an offline web app over the event store (``eventwire serve``)."""
