"""Helpers for the addresses people are sent back to."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target, default_endpoint="core.home"):
    """``target`` when it is a path on this site, else the default page: never another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for(default_endpoint)
