"""``flask portal privacy purge``: remove what the privacy notice says is not kept."""

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("privacy")
def privacy_cli():
    """Keeping personal data no longer than the privacy notice says."""


@privacy_cli.command("purge")
@with_appcontext
def purge():
    """Delete declined applications, unused invitations, old security log entries and delivered emails past their time (cron, idempotent)."""
    from .rules import purge as run

    done = run()
    db.session.commit()
    for what, count in done.items():
        click.echo(f"{count} {what} removed")
