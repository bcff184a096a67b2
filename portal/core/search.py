"""Plain text search shared by the lists: a LIKE pattern that matches the words as typed."""


def contains(text):
    """A pattern for ``ilike(..., escape='\\\\')`` that finds ``text`` anywhere, wildcards escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
