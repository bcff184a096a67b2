"""``flask portal members ...`` and ``flask portal subscriptions ...``."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db


def _progress(label):
    def wrap(items):
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


@click.group("members")
def members_cli():
    """Members: import, export, and the daily status refresh."""


@members_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
@with_appcontext
def import_members(path, dry_run):
    """Import members from a CSV file; any bad row means nothing is written."""
    from .rules import transfer

    plan = transfer.plan_import(path.read_bytes())
    for problem in plan.problems:
        click.echo(f"line {problem.line}: {problem.message}", err=True)
    if plan.problems:
        click.echo(f"{len(plan.problems)} problems: nothing imported.", err=True)
        sys.exit(1)
    for _line, row in plan.to_add:
        click.echo(f"add: {row['name']}")
    for _line, row, _member in plan.to_update:
        click.echo(f"update: {row['name']}")
    summary = f"{len(plan.to_add)} to add, {len(plan.to_update)} to update, {plan.unchanged} unchanged"
    if dry_run:
        click.echo(f"{summary} (dry run: nothing written)")
        return
    transfer.apply_import(plan)
    db.session.commit()
    click.echo(summary.replace("to add", "added").replace("to update", "updated"))


@members_cli.command("export")
@with_appcontext
def export_members():
    """Write every member as CSV to standard output, in the import's columns."""
    from .rules import transfer

    transfer.export_members(sys.stdout)


@members_cli.command("refresh")
@with_appcontext
def refresh():
    """Bring every member's status up to date with today's date (run daily)."""
    from .rules.status import refresh_all

    changed = refresh_all(progress=_progress("Members"))
    db.session.commit()
    click.echo(f"{changed} statuses changed")


@click.group("subscriptions")
def subscriptions_cli():
    """Subscriptions: raising a year's, and reminders."""


@subscriptions_cli.command("raise")
@click.option("--year", type=int, help="The membership year, named by the year it starts in (default: this one).")
@with_appcontext
def raise_year(year):
    """Raise the year's subscription for every member, once (a second run raises nothing twice)."""
    from .rules import money
    from .rules.dates import membership_year

    raised = money.raise_for_year(year or membership_year(), progress=_progress("Members"))
    db.session.commit()
    click.echo(f"{raised} raised")


@subscriptions_cli.command("remind")
@with_appcontext
def remind():
    """Refresh statuses, then email due and overdue reminders, one of each kind per invoice."""
    from .rules import money
    from .rules.status import refresh_all

    refresh_all()
    sent = money.send_reminders()
    db.session.commit()
    click.echo(f"{sent} reminders sent")
