"""``flask portal reminders send``: tasks due soon or overdue, and risk reviews, to their owners."""

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("reminders")
def reminders_cli():
    """Reminders about groups' plans."""


@reminders_cli.command("send")
@with_appcontext
def send():
    """Email owners of tasks due within a week or overdue, and of risk reviews due (cron, idempotent)."""
    from ..membership.rules.dates import today
    from .rules import reminders

    sent = reminders.send(today())
    db.session.commit()
    click.echo(f"{sent} reminders sent")
