"""People's rights: a copy of their data, erasure on request, and retention limits."""


def init_app(app):
    from flask_babel import lazy_gettext as _l
    from flask_babel import lazy_pgettext

    from ..i18n import translated
    from . import waiting  # noqa: F401 - registers what waits for the secretariat here
    from .views import bp

    app.register_blueprint(bp)
    labels = {"pending": _l("Waiting"), "approved": _l("Erased"), "declined": lazy_pgettext("erasure request", "Declined"), "withdrawn": _l("Withdrawn")}
    app.add_template_global(lambda status: translated(labels.get(status, status)), "erasure_status_label")
