"""The directory and map of co-operatives and purposeful businesses: kept fresh by the
organisations themselves through private links, checked by the member council for each
area, fed from open data files, and exported for procurement teams."""


def init_app(app):
    from .labels import (FIELD_LABELS, LEGAL_FORM_LABELS, OWNERSHIP_SHORT, SECTOR_LABELS, SOURCE_LABELS,
                         SUBMISSION_KIND_LABELS, SUBMISSION_STATE_LABELS)
    from .rules import waiting  # noqa: F401 - registers what waits for a person in directory
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    for name, mapping in {
        "legal_form_labels": LEGAL_FORM_LABELS, "ownership_short": OWNERSHIP_SHORT, "sector_labels": SECTOR_LABELS,
        "source_labels": SOURCE_LABELS, "submission_kind_labels": SUBMISSION_KIND_LABELS,
        "submission_state_labels": SUBMISSION_STATE_LABELS, "field_labels": FIELD_LABELS,
    }.items():
        app.add_template_global(mapping, name)
    app.add_template_global(directory_value)


def directory_value(field, value):
    """A submitted value as a moderator reads it."""
    from flask_babel import gettext as _

    from ..membership.rules.areas import council_areas
    from .labels import LEGAL_FORM_LABELS, OWNERSHIP_SHORT, SECTOR_LABELS

    if value in (None, "", []):
        return _("Not given")
    if field == "legal_form":
        return LEGAL_FORM_LABELS.get(value, value)
    if field == "ownership":
        return OWNERSHIP_SHORT.get(value, value)
    if field == "sectors":
        return ", ".join(str(SECTOR_LABELS.get(sector, sector)) for sector in value)
    if field == "area_code":
        return council_areas().get(value, value)
    return value
