"""``flask portal decisions ...``: the clock, recounts, and real elections from BLT files."""

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db


@click.group("decisions")
def decisions_cli():
    """Decisions: open and close on time, recount a bulletin, import an election."""


@decisions_cli.command("tick")
@with_appcontext
def tick():
    """Open and close the decisions that are due, and send closing reminders (cron, idempotent)."""
    from .rules import lifecycle

    opened, closed, reminded = lifecycle.tick()
    db.session.commit()
    click.echo(f"{opened} opened, {closed} closed, {reminded} reminders sent")


@decisions_cli.command("recount")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the full results, stage by stage, as JSON.")
def recount(path, as_json):
    """Recount a decision from its downloaded bulletin alone, and print each question's outcome."""
    from .rules.results import count_bulletin

    try:
        bulletin = json.loads(path.read_text(encoding="utf-8"))
        results = count_bulletin(bulletin)
    except (ValueError, KeyError, TypeError) as error:
        raise click.ClickException(f"not a readable bulletin: {error}") from None
    if as_json:
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))
        return
    labels = {option["id"]: option["label_en"] for q in bulletin["questions"] for option in q.get("options", [])}
    texts = {q["id"]: q["text_en"] for q in bulletin["questions"]}
    click.echo(f"{results['voted']} ballots; quorum {'met' if results['quorum']['met'] else 'not met'}")
    for result in results["questions"]:
        text = texts[result["id"]]
        if result["method"] == "motion":
            counts = result["counts"]
            outcome = "carried" if result["carried"] else "not carried"
            click.echo(f"{text}: {outcome} (for {counts['for']}, against {counts['against']}, abstain {counts['abstain']})")
        elif result["method"] == "single":
            click.echo(f"{text}: {labels.get(result['winner'], 'no winner')}")
        elif result["method"] == "approval":
            click.echo(f"{text}: {', '.join(labels[o] for o in result['chosen'])}")
        else:
            click.echo(f"{text}: elected {', '.join(labels[o] for o in result['elected'])}")


@decisions_cli.command("import-blt")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_blt(path):
    """Load a ranked election in BLT format as a closed decision, count it, and print one line
    per elected candidate: its number in the file, a tab, its name."""
    from .counting.blt import BLTError
    from .rules.imports import import_election

    try:
        decision, numbers = import_election(path.read_bytes(), source=path.name)
    except BLTError as error:
        raise click.ClickException(f"{path.name}: {error}") from None
    db.session.commit()
    names = {option.id: option.label_en for option in decision.questions[0].options}
    for option_id in decision.results["questions"][0]["elected"]:
        click.echo(f"{numbers[option_id]}\t{names[option_id]}")
