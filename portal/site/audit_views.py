"""The secretariat's view of the audit log, and a button to check its chain."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..auth.access import SECRETARIAT, access
from ..auth.forms import ConfirmForm
from ..auth.models import Person
from ..core.inputs import page_number, text_arg
from ..extensions import db
from ..audit.labels import KINDS, codes_of
from ..audit.models import SYSTEM_ACTOR_ID, AuditEntry
from ..audit.rules import verify

bp = Blueprint("audit", __name__, url_prefix="/audit", template_folder="templates")


@bp.get("/")
@access(SECRETARIAT)
def index():
    action = text_arg("action", limit=60)
    kind = text_arg("kind", limit=20)
    kind = kind if kind in KINDS else ""
    statement = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if action:
        statement = statement.where(AuditEntry.action == action)
    if kind:
        statement = statement.where(AuditEntry.action.in_(codes_of(kind)))
    page = db.paginate(statement, page=page_number(), per_page=50, max_per_page=50, error_out=False)
    actor_ids = {entry.actor_id for entry in page.items if entry.actor_id}
    actors = dict(db.session.execute(select(Person.id, Person.name).where(Person.id.in_(actor_ids))).all()) if actor_ids else {}
    actors[SYSTEM_ACTOR_ID] = _("System")
    return render_template("audit/index.html", page=page, actors=actors, action=action, kind=kind, kinds=KINDS,
                           form=ConfirmForm())


@bp.post("/verify")
@access(SECRETARIAT)
def check():
    if ConfirmForm().validate_on_submit():
        result = verify()
        if result.holds:
            flash(_("The audit chain holds: %(count)d entries checked.", count=result.entries), "success")
        else:
            flash(_("The audit chain is broken at entry %(seq)d.", seq=result.broken_at), "error")
    return redirect(url_for("audit.index"))
