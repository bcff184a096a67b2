"""A backup holds every row of every table, and restores into an empty database equal."""

from datetime import timedelta

from sqlalchemy import func, select

from portal.extensions import db

from .conftest import build_app, sign_in, throwaway_database, with_demo_network


def _every_row(app):
    with app.app_context():
        rows = {}
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(row) for row in db.session.execute(select(table).order_by(*order))]
        db.session.remove()
        return rows


def _fill_what_the_demo_leaves_empty(app):
    """Through the portal's own rules and pages, so every table has rows to compare."""
    from portal.auth import rules as accounts
    from portal.auth import second_factor
    from portal.auth.models import Person
    from portal.decisions.rules import lifecycle
    from portal.forum.models import Post
    from portal.forum.rules import posting
    from portal.groups.models import Meeting, Task
    from portal.groups.rules import feeds, meetings, plan, reminders
    from portal.labs.models import Lab
    from portal.labs.rules import proposals
    from portal.membership.models import Invoice, Member
    from portal.membership.rules import money
    from portal.membership.rules.dates import today
    from portal.notifications import digest
    from portal.notifications.kinds import DIGEST
    from portal.notifications.rules import set_choices

    with app.app_context():
        person = lambda email: db.session.scalar(select(Person).where(Person.email == email))  # noqa: E731
        secretariat = person("secretariat@example.org")
        reminders.send(today())
        money.send_reminders(today())
        set_choices(person("rep@oxford.example.org"), {"ballots": DIGEST})  # its reminders wait for the digest
        lifecycle.remind_before_close(lifecycle.utcnow() + timedelta(days=400))
        feeds.token_for(person("rep@oxford.example.org"))
        second_factor.new_recovery_codes(secretariat)
        accounts.invite_person(name="Olivia Grant", email="olivia@bristol.example.org", invited_by=secretariat)
        invoice = db.session.scalar(select(Invoice).join(Member).where(Member.name == "Sunderland City Council"))  # unpaid
        money.add_adjustment(invoice, kind="credit_note", amount_pence=100, reason="Rounding", key="backup-test", by=secretariat)
        money.record_payment(invoice, amount_pence=invoice.outstanding_pence + 500, received_on=today(), method="card",
                             reference="", key="backup-credit", by=secretariat, excess_to_credit=True)
        draft = db.session.scalar(select(Lab).where(Lab.status == "draft"))
        proposals.update_details(draft, by=person("rep@oldham.example.org"), phases=[("Start", "Set up")], budget=[("Officer time", 500_000)])
        meeting = db.session.scalar(select(Meeting).order_by(Meeting.id))
        meetings.record(meeting, agenda="Plan", minutes="Agreed", decisions_noted="", by=secretariat,
                        attendance={secretariat.id: ("present", None)})
        task = db.session.scalar(select(Task).order_by(Task.id))
        plan.save_task(task, by=secretariat, title=task.title, description=task.description, phase=task.phase,
                       starts_on=task.starts_on, ends_on=task.ends_on + timedelta(days=7), owner_member_id=task.owner_member_id,
                       owner_person_id=task.owner_person_id, contributor_ids=[], status=task.status, percent=task.percent,
                       milestone=task.milestone, predecessor_ids=[])
        post = db.session.scalar(select(Post).order_by(Post.id))
        posting.edit(post, post.author, post.body + "\n\n(Edited.)")
        _fill_the_work_programme(secretariat)
        db.session.commit()
        digest.send(digest.today())
        thread_id = post.thread_id
        db.session.remove()
    client = sign_in(app.test_client(), "rep@oxford.example.org")  # a sign-in and a read mark
    assert client.get(f"/forum/threads/{thread_id}").status_code in (200, 403)


def _fill_the_work_programme(secretariat):
    """An idea edited and two merged, by the rules; the demo fills the general meeting's tables
    (portal/programme/demo_meetings.py) and the adopted programme's (demo_delivery.py)."""
    from portal.programme.models import Idea
    from portal.programme.rules import ideas

    submitted = db.session.scalars(select(Idea).where(Idea.status == "submitted").order_by(Idea.id)).all()
    first, second = submitted[0], submitted[1]
    ideas.change(first, by=secretariat, title_en=first.title_en + " (clearer)", problem_en=first.problem_en,
                 activity_en=first.activity_en, benefit_en=first.benefit_en, member_role=first.member_role, note="Clearer.")
    ideas.merge(second, submitted[2], by=secretariat)
    db.session.flush()


def _run(app, command, path):
    # The command must run in this app's context, not the one the test suite keeps pushed.
    with app.app_context():
        return app.test_cli_runner().invoke(args=["portal", command, str(path)])


def test_a_backup_restores_every_row_of_every_table(database_url, tmp_path):
    with throwaway_database(database_url, tmp_path, "original") as original_url:
        app = with_demo_network(build_app(original_url))
        _fill_what_the_demo_leaves_empty(app)
        before = _every_row(app)
        empty = sorted(name for name, rows in before.items() if not rows)
        assert empty == [], f"fill these tables before trusting the comparison: {empty}"
        backup_file = tmp_path / "portal.backup"
        result = _run(app, "backup", backup_file)
        assert result.exit_code == 0, result.output
        with app.app_context():
            db.engine.dispose()
        with throwaway_database(database_url, tmp_path, "restored") as restored_url:
            restored = build_app(restored_url)
            result = _run(restored, "restore", backup_file)
            assert result.exit_code == 0, result.output
            assert _every_row(restored) == before
            again = _run(restored, "restore", backup_file)
            assert again.exit_code != 0 and "not empty" in again.output
            with restored.app_context():
                from portal import audit

                assert audit.verify().holds
                assert db.session.scalar(select(func.count()).select_from(db.metadata.tables["forum_post"])) > 0
                db.session.remove()
                db.engine.dispose()
