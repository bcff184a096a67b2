"""``flask portal forum digest``: kept for crontabs written before the one daily digest, which
holds the forum's posts with every other message chosen for it (``flask portal digest``)."""

import click
from flask.cli import with_appcontext


@click.group("forum")
def forum_cli():
    """The forum's daily work."""


@forum_cli.command("digest")
@with_appcontext
def digest():
    """The same as `flask portal digest`, which now sends the forum's posts with everything else."""
    from ..notifications import digest as digests

    click.echo(f"{digests.send(digests.today())} digests sent")
