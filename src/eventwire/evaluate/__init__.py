"""Score eventwire's extractors against public gold data."""
