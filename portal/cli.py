"""``flask portal ...``: the commands that operators and cron run."""

import sys

import click
from flask.cli import with_appcontext

from .extensions import db


@click.group("portal")
def portal_cli():
    """Run the network's portal: demo data, audit checks, mail delivery, people."""


@portal_cli.group("audit")
def audit_cli():
    """The hash-chained audit log."""


@audit_cli.command("verify")
@with_appcontext
def audit_verify():
    """Check every link of the audit chain; exit 1 at the first broken one."""
    from .audit import verify

    result = verify()
    if result.holds:
        click.echo(f"The audit chain holds: {result.entries} entries checked.")
        return
    click.echo(f"The audit chain is broken at entry {result.broken_at} ({result.reason}).", err=True)
    sys.exit(1)


@portal_cli.group("mail")
def mail_cli():
    """The email outbox."""


@mail_cli.command("send")
@click.option("--limit", default=500, show_default=True, help="Most messages to send in this run.")
@with_appcontext
def mail_send(limit):
    """Deliver pending messages (safe to run from cron, and twice at once)."""
    from .mail.rules import send_pending

    sent, failed = send_pending(limit=limit)
    click.echo(f"{sent} sent, {failed} failed")


@portal_cli.command("digest")
@with_appcontext
def digest():
    """Send today's daily email to everyone with messages held for it (cron, once a day; safe to run twice, or twice at once)."""
    from .notifications import digest as digests

    click.echo(f"{digests.send(digests.today())} digests sent")


@portal_cli.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already holds members.")
@click.option("--force", is_flag=True, help="Load it outside development too (never on a database people use).")
@with_appcontext
def demo(if_empty, force):
    """Load the demo network (PORTAL_DEMO_PASSWORD sets the accounts' password); development only."""
    from flask import current_app

    from .demo import has_data, load

    environment = current_app.config["ENV_NAME"]
    if environment != "development" and not force:
        # Its administrator's password and authenticator key are published in the README.
        raise click.ClickException(
            f"PORTAL_ENV_NAME is {environment!r}: the demo network, whose administrator's password and authenticator key "
            "are published, is loaded only in development. Add --force to load it anyway.")
    if has_data():
        if if_empty:
            click.echo("The database already holds data: the demo was not loaded.")
            return
        raise click.ClickException("The database already holds data. Use an empty database for the demo.")
    password = load()
    db.session.commit()
    from .demo import DEMO_TOTP_SECRET

    click.echo(f"Demo network loaded. Every demo account's password is: {password}")
    click.echo(f"admin@ and secretariat@example.org also need a code from an authenticator app with the key {DEMO_TOTP_SECRET}")


@portal_cli.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", required=True)
@with_appcontext
def create_admin(email, name):
    """Invite the first administrator of a new install; prints the invitation link."""
    from flask import current_app

    from .auth import rules

    try:
        person = rules.invite_person(name=name, email=email, roles=("admin",))
    except rules.EmailInUse:
        raise click.ClickException(f"{email} already has an account.") from None
    db.session.commit()
    click.echo(f"Invited {person.email}. Run `flask portal mail send` to deliver the invitation.")
    click.echo(f"Links in emails start with {current_app.config['BASE_URL']} (PORTAL_BASE_URL).")


@portal_cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup(path):
    """Back up the whole database to PATH (SQLite's online backup, or pg_dump)."""
    from .core import backup as backups

    try:
        backups.backup(path)
    except (backups.BackupError, OSError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up to {path}")


@portal_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def restore(path):
    """Restore a backup from PATH into the configured database, which must be empty."""
    from .core import backup as backups

    try:
        backups.restore(path)
    except (backups.BackupError, OSError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}")


def _add_area_commands():
    from .benchdata.cli import bench_data
    from .decisions.cli import decisions_cli
    from .directory.cli import directory_cli
    from .forum.cli import forum_cli
    from .groups.cli import reminders_cli
    from .membership.cli import members_cli, subscriptions_cli
    from .privacy.cli import privacy_cli
    from .programme.cli import programme_cli

    portal_cli.add_command(members_cli)
    portal_cli.add_command(subscriptions_cli)
    portal_cli.add_command(decisions_cli)
    portal_cli.add_command(reminders_cli)
    portal_cli.add_command(forum_cli)
    portal_cli.add_command(privacy_cli)
    portal_cli.add_command(directory_cli)
    portal_cli.add_command(programme_cli)
    portal_cli.add_command(bench_data)


_add_area_commands()
