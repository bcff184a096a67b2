"""``flask portal programme ...``: the work programme's clock."""

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("programme")
def programme_cli():
    """The work programme: motions and amendments that lapse on time."""


@programme_cli.command("tick")
@with_appcontext
def tick():
    """Lapse the motions and amendments with no seconder by their deadline (cron, idempotent)."""
    from .rules.motions import lapse_unseconded

    lapsed = lapse_unseconded()
    db.session.commit()
    click.echo(f"{lapsed} motions and amendments lapsed")
