"""The two dates CrossTime matches. The values are also the suffixes of a tile store's array files."""
OLD = "a"
NEW = "b"
DATES = (OLD, NEW)
DATE_NAMES = {OLD: "old", NEW: "new"}


def date_name(date: str) -> str:
    """'old' or 'new', for messages."""
    return DATE_NAMES[date]
