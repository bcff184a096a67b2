"""Objects loaded once per request.

The session's identity map holds unchanged objects only weakly, so an object loaded by a
permission check is gone by the time the view asks for it. Keeping it on ``g`` for the
request avoids loading it twice.
"""

from flask import g, has_app_context


def per_request(key, load):
    """``load()``'s result, computed once per request (or app context) for ``key``."""
    if not has_app_context():
        return load()
    cache = g.setdefault("_loaded", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]
