"""Members of the network: the organisations and individuals that hold a membership and a
vote, their tiers, applications to join, and subscriptions."""


def init_app(app):
    from ..i18n import translated
    from .forms import ADJUSTMENT_LABELS, KIND_LABELS, METHOD_LABELS, REGIONS, STATUS_LABELS
    from .rules.people import ROLE_NAMES
    from .rules import waiting  # noqa: F401 - registers what waits for a person in membership
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    labels = {
        "kind": KIND_LABELS,
        "status": STATUS_LABELS,
        "region": REGIONS,
        "method": METHOD_LABELS,
        "adjustment": ADJUSTMENT_LABELS,
        "representative_role": ROLE_NAMES,
    }
    for name, mapping in labels.items():
        app.add_template_global(lambda key, mapping=mapping: translated(mapping.get(key, key or "")), f"{name}_label")
    app.add_template_global(KIND_LABELS, "kind_labels")
    app.add_template_global(REGIONS, "region_labels")
    app.add_template_global(STATUS_LABELS, "status_labels")
