"""The service navigation at the top of every page.

Which sections a person sees is decided per request (by the same rules that guard the
pages); the HTML for one language and one list of sections is the same for everyone, so
each worker draws it once and keeps it. GOV.UK Frontend's macro is the most expensive part
of a light page, and the kept copies are a few kilobytes each.
"""

import re
from flask import current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

from ..auth.access import allowed
from ..core.cache import kept
from ..i18n import current_language
from ..core import waiting

KEPT = 2_000_000  # characters of navigation each worker keeps: a few hundred copies
# Where each address goes in a kept copy.
_PLACE = "#portal-navigation-{}"
_PLACES = re.compile(r"#portal-navigation-\d+")

# (endpoint, label, the blueprints whose pages it is current for; None: that endpoint only)
SIGNED_IN = (
    ("core.home", _l("Home"), None),
    ("members.index", _l("Members"), ("members",)),
    ("decisions.index", _l("Decisions"), ("decisions", "decision_admin")),
    ("labs.index", _l("Policy Labs"), ("labs", "rounds", "proposals", "lab_work", "toolkit")),
    ("groups.index", _l("Groups"), ("groups", "plan", "meetings", "calendars")),
    ("forum.index", _l("Forum"), ("forum", "forum_writing", "forum_moderation")),
    ("directory.index", _l("Directory"), ("directory", "directory_moderation", "directory_imports")),
    ("programme.index", _l("Work programme"), ("programme",)),
)
# Shown only to those whose rules allow the page.
GUARDED = (
    ("secretariat.dashboard", _l("Secretariat"), ("secretariat", "applications", "tiers", "invoices")),
    ("people.index", _l("People"), ("people",)),
    ("audit.index", _l("Audit log"), ("audit",)),
)
SIGNED_OUT = (
    ("core.home", _l("Home"), None),
    ("members.index", _l("Members"), ("members",)),
    ("decisions.index", _l("Decisions"), ("decisions",)),
    ("labs.index", _l("Policy Labs"), ("labs", "toolkit")),
    ("forum.index", _l("Forum"), ("forum",)),
    ("directory.index", _l("Directory"), ("directory",)),
    ("programme.years", _l("Work programme"), ("programme",)),
    ("join.apply", _l("Join"), ("join",)),
    ("auth.sign_in", _l("Sign in"), None),
)


def _current(endpoint, blueprints):
    return request.endpoint == endpoint if blueprints is None else request.blueprint in blueprints


def _href(endpoint):
    """The address of a section's page, which is the same on every request under one script root."""
    key = (request.script_root, endpoint)
    hrefs = current_app.extensions.setdefault("portal_navigation_hrefs", {})
    href = hrefs.get(key)
    if href is None:
        href = hrefs[key] = url_for(endpoint)
    return href


def _counted(items):
    """Each item's label with the number of things waiting there ("Decisions 2"), in the link's
    own text so that everyone hears it; and the total for the menu button."""
    counts = waiting.counts(current_user)
    labelled = [(endpoint, href, _l("%(section)s %(count)d", section=label, count=counts[endpoint]) if counts.get(endpoint) else label,
                 current, counts.get(endpoint, 0)) for endpoint, href, label, current in items]
    return labelled, sum(count for *_rest, count in labelled)


def _items():
    """``(endpoint, href, label, current)`` for each section this person sees on this page."""
    if not current_user.is_authenticated:
        return [(endpoint, _href(endpoint), label, _current(endpoint, blueprints))
                for endpoint, label, blueprints in SIGNED_OUT]
    items = [(endpoint, _href(endpoint), label, _current(endpoint, blueprints))
             for endpoint, label, blueprints in SIGNED_IN]
    member_id = current_user.member_id
    if member_id and allowed("organisation.account", member_id=member_id):
        items.append(("organisation.account", url_for("organisation.account", member_id=member_id),
                      _l("Your organisation"), request.blueprint == "organisation"))
    items += [(endpoint, _href(endpoint), label, _current(endpoint, blueprints))
              for endpoint, label, blueprints in GUARDED if allowed(endpoint)]
    items.append(("notifications.index", _href("notifications.index"), _l("Notifications"), request.blueprint == "notifications"))
    items.append(("account.show", _href("account.show"), _l("Your account"), request.blueprint == "account"))
    items.append(("auth.sign_out", _href("auth.sign_out"), _l("Sign out"), False))
    return items


def service_navigation():
    """The navigation's HTML for this person and page."""
    items, waiting_total = _counted(_items())
    # Kept without the addresses, which can name the person's own organisation: one copy
    # serves every representative, and each page puts its addresses in. The counts are part
    # of the key, so a copy is never shown with another person's numbers.
    key = (current_language(), tuple((endpoint, current, count) for endpoint, _address, _label, current, count in items))
    html = kept("navigation", KEPT).get(key, lambda: render_template(
        "partials/service_navigation.html", waiting_total=waiting_total,
        items=[{"href": _PLACE.format(index), "text": label, "active": current}
               for index, (_endpoint, _address, label, current, _count) in enumerate(items)]))
    hrefs = {_PLACE.format(index): str(escape(href)) for index, (_endpoint, href, _label, _current, _count) in enumerate(items)}
    # render_template escaped every label, and each address is escaped here; Markup only says so.
    return Markup(_PLACES.sub(lambda found: hrefs[found.group(0)], html))  # nosec B704


def init_app(app):
    app.add_template_global(service_navigation)
