"""Objects loaded once per request, and drawn HTML kept by the process.

The session's identity map holds unchanged objects only weakly, so an object loaded by a
permission check is gone by the time the view asks for it. Keeping it on ``g`` for the
request avoids loading it twice.
"""

import threading
from collections import OrderedDict

from flask import current_app, g, has_app_context, request


def per_request(key, load):
    """``load()``'s result, computed once per request (or app context) for ``key``."""
    if not has_app_context():
        return load()
    # ``g`` itself, not the proxy: a thread's page asks this some hundreds of times, and each
    # lookup through the proxy costs more than the rest of the question.
    cache = g._get_current_object().__dict__.setdefault("_loaded", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


class Kept:
    """Drawn HTML kept by this process for whoever asks with the same key; the least
    recently used goes once the copies hold more than ``size`` characters (or more than
    ``size`` of what ``weigh`` counts, for copies that are not HTML).

    A key must name everything the HTML depends on (language, the day, the viewer's
    permissions, the version of the data); nothing is ever invalidated, only outgrown.
    """

    def __init__(self, size, weigh=None):
        self.size, self.held = size, 0
        self._weigh = weigh or _weight
        self._copies = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, draw):
        """The copy kept for ``key``, or ``draw()``'s result (a string or a tuple of them), kept."""
        with self._lock:
            copy = self._copies.get(key)
            if copy is not None:
                self._copies.move_to_end(key)
                return copy
        copy = draw()
        weight = self._weigh(copy)
        with self._lock:
            if key not in self._copies and weight <= self.size:
                self._copies[key] = copy
                self.held += weight
                while self.held > self.size:
                    _key, dropped = self._copies.popitem(last=False)
                    self.held -= self._weigh(dropped)
        return copy

    def __len__(self):
        return len(self._copies)


def _weight(copy):
    return sum(len(part) for part in copy if isinstance(part, str)) if isinstance(copy, tuple) else len(copy)


def kept(name, size, weigh=None):
    """The app's :class:`Kept` of ``name`` (made, holding up to ``size`` characters, or of what
    ``weigh`` counts, on first use)."""
    found = current_app.extensions.setdefault("portal_kept", {})
    if name not in found:
        found.setdefault(name, Kept(size, weigh))
    return found[name]


# Characters of drawn fragments (a forum post's header and words, for one) each worker keeps.
FRAGMENTS_KEPT = 4_000_000


def page_key(*key):
    """``key`` with what any drawn HTML depends on: the language, and the script root that its
    addresses begin with."""
    from ..i18n import current_language

    return (current_language(), request.script_root, *key)


def kept_html(*key, caller):
    """In a template, ``{% call kept_html("what", every, value, drawn, from) %}...{% endcall %}``:
    the block is drawn once for that key, in each language (and under each script root, which
    its addresses begin with), and kept. The key must hold every value the block shows or
    depends on, so that any change makes a new key."""
    return kept("fragments", FRAGMENTS_KEPT).get(page_key(*key), caller)


def init_app(app):
    app.add_template_global(kept_html)
