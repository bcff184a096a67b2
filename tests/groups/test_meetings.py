"""A meeting's record: saving it again changes what was recorded, never a second row a person."""

from sqlalchemy import select

from portal.extensions import db
from portal.groups.models import Attendance, Meeting

from .helpers import group

SEED = "Growing an Inclusive"


def first_meeting(g):
    return db.session.scalar(select(Meeting).where(Meeting.group_id == g.id).order_by(Meeting.starts_at).limit(1))


def attendance_of(meeting_id):
    rows = db.session.execute(select(Attendance.person_id, Attendance.status, Attendance.deputy_for_id)
                              .where(Attendance.meeting_id == meeting_id).order_by(Attendance.person_id))
    return [tuple(row) for row in rows]


def record_form(first, second, status):
    return {"agenda": "Case studies", "minutes": "", "decisions_noted": "",
            f"attendance-{first}": "present", f"attendance-{second}": status, f"deputy-for-{second}": str(first)}


def test_saving_a_meetings_attendance_twice_keeps_one_row_a_person(sign_in_as):
    g = group(SEED)
    meeting = first_meeting(g)
    first, second = sorted(m.person_id for m in g.memberships)[:2]
    chair = sign_in_as("chair@oxford.example.org")
    for status in ("apologies", "apologies", "deputy"):
        response = chair.post(f"/groups/{g.id}/meetings/{meeting.id}/record", data=record_form(first, second, status))
        assert response.status_code == 302, status
    assert attendance_of(meeting.id) == [(first, "present", None), (second, "deputy", first)]


def test_a_person_left_out_of_a_saved_record_is_no_longer_recorded(sign_in_as):
    g = group(SEED)
    meeting = first_meeting(g)
    first, second = sorted(m.person_id for m in g.memberships)[:2]
    chair = sign_in_as("chair@oxford.example.org")
    chair.post(f"/groups/{g.id}/meetings/{meeting.id}/record", data=record_form(first, second, "present"))
    again = record_form(first, second, "")
    assert chair.post(f"/groups/{g.id}/meetings/{meeting.id}/record", data=again).status_code == 302
    assert attendance_of(meeting.id) == [(first, "present", None)]


def test_a_deputy_for_someone_outside_the_group_or_past_any_id_is_not_recorded(sign_in_as):
    g = group(SEED)
    meeting = first_meeting(g)
    first, second = sorted(m.person_id for m in g.memberships)[:2]
    chair = sign_in_as("chair@oxford.example.org")
    for nobody in ("2147483648", "99999999999999999999", "-1", "x"):
        data = {**record_form(first, second, "deputy"), f"deputy-for-{second}": nobody}
        assert chair.post(f"/groups/{g.id}/meetings/{meeting.id}/record", data=data).status_code == 302, nobody
        assert attendance_of(meeting.id) == [(first, "present", None), (second, "deputy", None)]
