"""``flask portal forum digest``: the daily digest of new posts, for those who chose it."""

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("forum")
def forum_cli():
    """The forum's daily work."""


@forum_cli.command("digest")
@with_appcontext
def digest():
    """Email today's digest to everyone who chose one (cron, once a day; running it again sends nothing more)."""
    from ..db import utcnow
    from ..membership.rules.dates import today
    from .rules import digest as digests

    sent = digests.send(today(), utcnow())
    db.session.commit()
    click.echo(f"{sent} digests sent")
