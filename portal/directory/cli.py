"""``flask portal directory ...``: keeping the directory fresh, and importing files."""

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("directory")
def directory_cli():
    """The directory of co-operatives and purposeful businesses."""


@directory_cli.command("reconfirm")
@with_appcontext
def reconfirm():
    """Ask the contacts of entries not confirmed for a year to confirm them (safe to run daily)."""
    from .rules import reconfirm as rules

    outcome = rules.run()
    click.echo(f"{outcome.asked} asked to confirm, {outcome.no_contact} unconfirmed with no contact to ask, "
               f"{outcome.off_map} off the public map after 18 months.")


@directory_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--map", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="Which column holds a field, e.g. --map name='Society Name'. Guessed from the headers when left out.")
@click.option("--by", "email", required=True, help="Email address of the secretariat member doing the import.")
@click.option("--check", is_flag=True, help="Check the file and report; write nothing.")
@with_appcontext
def import_file(path, pairs, email, check):
    """Import a CSV open data file into the directory, with a progress bar."""
    from pathlib import Path

    from sqlalchemy import select

    from ..auth.models import Person
    from ..core import spreadsheets
    from .rules import imports

    person = db.session.scalar(select(Person).where(Person.email == email.lower()))
    if person is None or not person.is_secretariat:
        raise click.ClickException(f"{email} is not a member of the secretariat.")
    content, problem = spreadsheets.decode(Path(path).read_bytes())
    record = None
    if problem is None:
        record, problem = imports.upload(Path(path).name, content, by=person)
    if problem is not None:
        raise click.ClickException(str(problem.message))
    for pair in pairs:
        field, _, column = pair.partition("=")
        if field not in imports.TARGETS:
            raise click.ClickException(f"Unknown field {field}: choose from {', '.join(imports.TARGETS)}.")
        record.mapping = {**record.mapping, field: column}
    with click.progressbar(length=record.rows, label="Checking") as bar:
        plan = imports.plan(content, record.mapping, progress=bar.update)
    if not plan.ok:
        db.session.rollback()
        for problem in plan.problems:
            click.echo(f"Line {problem.line}: {problem.message}", err=True)
        raise click.ClickException("The file has problems, so nothing was imported.")
    if check:
        db.session.rollback()
        report = plan.report()
    else:
        with click.progressbar(length=len(plan.to_add) + len(plan.to_merge), label="Importing") as bar:
            report = imports.apply(plan, record, by=person, progress=bar.update)
        db.session.commit()
    click.echo(f"{report['added']} added, {report['merged']} merged, {report['unchanged']} already known, "
               f"{report['skipped_count']} skipped.")
