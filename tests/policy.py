"""Who may use each endpoint: written down by hand from DESIGN.md and the README, not from
the app's rules, so that a rule that is too open or too closed shows in the route sweep.

Each entry answers for the sample values in ``tests/sweep.py`` (Oxford's member, invoice,
credit note and lab; the seed lab's private steering group, its forum category, thread and plan; the
open decision; and the endpoint's own samples in SAMPLES_FOR), for the kinds of person in
its PEOPLE. Kinds not named are refused: anonymous people are sent to sign in, the rest
get 403.

Every endpoint the app serves has one line here, and every line names an endpoint the app
serves (tests/test_routes.py checks both).
"""

ANONYMOUS = frozenset({"anonymous"})
SECRETARIAT = frozenset({"admin", "secretariat"})
MODERATORS = SECRETARIAT | {"moderator"}
# Network roles without a member: they sign in, but act for no member.
NETWORK_ROLES = MODERATORS | {"reviewer"}
# People acting for a member: Oxford's admin and representative, a Stevenage officer, The
# Development Co-operative's admin (an affiliate), Cardiff's admin and representative.
MEMBERS_PEOPLE = frozenset({"member admin", "member officer", "affiliate", "other member admin"})
SIGNED_IN = NETWORK_ROLES | MEMBERS_PEOPLE
EVERYONE = SIGNED_IN | ANONYMOUS

# Oxford's member admin, its voting representative, is the only one of Oxford's people here.
OXFORD_ADMIN = frozenset({"member admin"})
OXFORD_ADMIN_AND_SECRETARIAT = SECRETARIAT | OXFORD_ADMIN
# The seed lab's steering group: Oxford's representative and The Development Co-operative's
# advisor are in it; Stevenage's officer and Cardiff's representative are not.
STEERING_GROUP = SECRETARIAT | {"member admin", "affiliate"}
# People of member councils (Oxford, Stevenage, Cardiff; not the co-operative) look after
# the directory for their own area.
COUNCILS_PEOPLE = frozenset({"member admin", "member officer", "other member admin"})
# Members in good standing, moderators and the secretariat write in the forum.
FORUM_WRITERS = MODERATORS | MEMBERS_PEOPLE

POLICY = {
    # The work programme: every signed-in person reads calls and submitted ideas; people of members
    # in good standing put ideas forward and support others' (the sample idea is Stevenage's); its
    # member's people change, submit or withdraw it; the secretariat edits, merges and decides.
    "programme.index": SIGNED_IN,
    "programme.new_call": SECRETARIAT,
    "programme.call": SIGNED_IN,
    "programme.propose": MEMBERS_PEOPLE,
    "programme.idea": SIGNED_IN,
    "programme.versions": SIGNED_IN,
    "programme.edit": SECRETARIAT | {"member officer"},
    "programme.submit": frozenset({"member officer"}),
    "programme.withdraw": frozenset({"member officer"}),
    "programme.support": MEMBERS_PEOPLE,
    "programme.withdraw_support": MEMBERS_PEOPLE,
    "programme.merge": SECRETARIAT,
    "programme.outcome": SECRETARIAT,
    "programme.make_vote": SECRETARIAT,
    "programme.adopt": SECRETARIAT,
    # The adopted programme is public (its progress reports for the signed-in only); the sample item
    # is owned by the seed lab's steering group, whose people and the secretariat report on it;
    # only the secretariat changes its owner.
    "programme.years": EVERYONE,
    "programme.programme": EVERYONE,
    "programme.programme_csv": EVERYONE,
    "programme.report": EVERYONE,
    "programme.item": EVERYONE,
    "programme.update_item": STEERING_GROUP,
    "programme.item_links": STEERING_GROUP,
    "programme.add_link": STEERING_GROUP,
    "programme.remove_link": STEERING_GROUP,
    "programme.item_owner": SECRETARIAT,
    # General meetings: every signed-in person reads the agenda, motions and amendments; voting
    # representatives of members in good standing (Oxford's and Cardiff's here) put motions, and
    # second and amend other members' (the sample motion is Preston's, the sample amendment
    # Torbay's); the secretariat calls meetings, rules and makes the votes.
    "programme.meetings": SIGNED_IN,
    "programme.new_meeting": SECRETARIAT,
    "programme.meeting": SIGNED_IN,
    "programme.new_motion": frozenset({"member admin", "other member admin"}),
    "programme.motion": SIGNED_IN,
    "programme.second_motion": frozenset({"member admin", "other member admin"}),
    "programme.new_amendment": frozenset({"member admin", "other member admin"}),
    "programme.second_amendment": frozenset({"member admin", "other member admin"}),
    "programme.rule_motion": SECRETARIAT,
    "programme.rule_amendment": SECRETARIAT,
    "programme.meeting_votes": SECRETARIAT,
    # One's own account.
    "account.change_email": SIGNED_IN,
    "account.change_password": SIGNED_IN,
    "account.confirm_email": EVERYONE,  # the emailed secret is the proof, signed in or not
    "account.details": SIGNED_IN,
    "account.show": SIGNED_IN,
    "security.confirm_password": SIGNED_IN,
    "security.download_recovery_codes": SIGNED_IN,
    "security.recovery_codes": SIGNED_IN,
    "security.remove_second_factor": SIGNED_IN,
    "security.second_step": EVERYONE,  # the second step of signing in, before one is signed in
    "security.set_up_second_factor": SIGNED_IN,
    "security.sign_ins": SIGNED_IN,
    "security.sign_out_everywhere": SIGNED_IN,
    "privacy.my_data": SIGNED_IN,
    "privacy.my_data_json": SIGNED_IN,
    "privacy.request_erasure": SIGNED_IN,
    "calendars.index": SIGNED_IN,
    "calendars.reset": SIGNED_IN,
    # The calendar secret stands in for signing in as Oxford's representative.
    "calendars.person_feed": EVERYONE,
    "calendars.group_feed": EVERYONE,
    "forum_writing.unsubscribe": EVERYONE,  # the link in every forum email works without signing in
    # One's own notifications, and nobody else's: a notification is a copy of an email to one
    # person, so not even the secretariat reads another's.
    "notifications.index": SIGNED_IN,
    "notifications.read_all": SIGNED_IN,
    "notifications.choices": SIGNED_IN,
    "notifications.open_one": OXFORD_ADMIN,  # the sample is one written to Oxford's representative
    "notifications.stop": EVERYONE,  # the link in every daily digest works without signing in

    # Signing in, invitations and lost passwords: the link is the credential.
    "auth.accept_invitation": EVERYONE,
    "auth.forgotten_password": EVERYONE,
    "auth.reset_password": EVERYONE,
    "auth.sign_in": EVERYONE,
    "auth.sign_out": SIGNED_IN,

    # Pages anyone on the web may read.
    "core.accessibility": EVERYONE,
    "core.cookies": EVERYONE,
    "core.favicon": EVERYONE,
    "core.healthz": EVERYONE,
    "core.home": EVERYONE,
    "core.privacy": EVERYONE,
    "core.switch_language": EVERYONE,
    "static": EVERYONE,
    "members.index": EVERYONE,
    "members.show": EVERYONE,
    "join.apply": EVERYONE,
    "labs.index": EVERYONE,
    "labs.show": EVERYONE,  # the seed lab is completed: public
    "labs.case_study": EVERYONE,
    "toolkit.index": EVERYONE,
    "toolkit.show": EVERYONE,
    "toolkit.download": EVERYONE,
    "toolkit.new": SECRETARIAT,  # a lab's own outputs go through the lab's page (below)

    # The secretariat's own screens: members, money, tiers, people, the audit log.
    "secretariat.change_status": SECRETARIAT,
    "secretariat.dashboard": SECRETARIAT,
    "secretariat.export_invoices": SECRETARIAT,
    "secretariat.export_members": SECRETARIAT,
    "secretariat.import_members": SECRETARIAT,
    "secretariat.member": SECRETARIAT,
    "secretariat.members": SECRETARIAT,
    "secretariat.raise_subscriptions": SECRETARIAT,
    "applications.approve": SECRETARIAT,
    "applications.decline": SECRETARIAT,
    "applications.index": SECRETARIAT,
    "applications.show": SECRETARIAT,
    "tiers.edit": SECRETARIAT,
    "tiers.index": SECRETARIAT,
    "tiers.new": SECRETARIAT,
    "invoices.adjust": SECRETARIAT,
    "invoices.record_payment": SECRETARIAT,
    "invoices.use_credit": SECRETARIAT,  # spending a member's credit is the secretariat's to record
    "billing.refund": SECRETARIAT,
    "billing.settings": SECRETARIAT,  # the network's own invoicing and bank details
    # Oxford's invoice is paid: its purchase-order number is now the secretariat's to correct.
    "invoices.purchase_order": SECRETARIAT,
    "people.change_roles": SECRETARIAT,
    "people.deactivate": SECRETARIAT,
    "people.index": SECRETARIAT,
    "people.invite": SECRETARIAT,
    "people.reactivate": SECRETARIAT,
    "people.resend_invitation": SECRETARIAT,
    "people.show": SECRETARIAT,
    "privacy.decide": SECRETARIAT,
    "privacy.requests": SECRETARIAT,
    "audit.check": SECRETARIAT,
    "audit.index": SECRETARIAT,

    # Oxford's own organisation: its member admin keeps it, the secretariat may help.
    "invoices.show": OXFORD_ADMIN_AND_SECRETARIAT,
    "invoices.pdf": OXFORD_ADMIN_AND_SECRETARIAT,
    "invoices.credit_note": OXFORD_ADMIN_AND_SECRETARIAT,
    "invoices.credit_note_pdf": OXFORD_ADMIN_AND_SECRETARIAT,
    "billing.member": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.account": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.invite": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.people_list": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.profile": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.remove": OXFORD_ADMIN_AND_SECRETARIAT,
    "organisation.representatives": OXFORD_ADMIN_AND_SECRETARIAT,
    "proxies.index": OXFORD_ADMIN_AND_SECRETARIAT,
    # Torbay's proxy (held by Oxford's representative) is Torbay's to revoke, or the secretariat's.
    "proxies.revoke": SECRETARIAT,

    # Decisions: the secretariat runs them; each member's authorised voter casts its ballot.
    "decision_admin.add_question": SECRETARIAT,  # a draft
    "decision_admin.annul": SECRETARIAT,
    "decision_admin.delete_question": SECRETARIAT,  # a draft
    "decision_admin.edit": SECRETARIAT,  # a draft
    "decision_admin.new": SECRETARIAT,
    "decision_admin.publish": SECRETARIAT,
    "decision_admin.schedule": SECRETARIAT,
    "decision_admin.unschedule": SECRETARIAT,
    "decisions.index": EVERYONE,
    # The open decision is the network's business: every account is a member's person or
    # holds a network role; it is not for the public until its results are published.
    "decisions.show": SIGNED_IN,
    "decisions.roll": SIGNED_IN,
    # Oxford's ballot: its voting representative alone, not even the secretariat.
    "decisions.ballot": OXFORD_ADMIN,
    # Last year's published results are public.
    "decisions.results": EVERYONE,
    "decisions.results_csv": EVERYONE,
    "decisions.results_json": EVERYONE,
    "decisions.bulletin": EVERYONE,

    # Funding rounds and proposals.
    "rounds.index": SIGNED_IN,
    "rounds.show": SIGNED_IN,
    # The open round lets Full members lead: Oxford and Cardiff, not Stevenage (Associate)
    # nor the co-operative (Affiliate); the secretariat runs the round, it does not propose.
    "rounds.propose": frozenset({"member admin", "other member admin"}),
    "rounds.edit": SECRETARIAT,
    "rounds.new": SECRETARIAT,
    "rounds.scores": SECRETARIAT,
    "rounds.shortlist": SECRETARIAT,
    # Oxford's draft, with The Development Co-operative invited as a partner: its lead and
    # invited partner see it, and the secretariat; no reviewer is assigned to it.
    "proposals.show": SECRETARIAT | {"member admin", "affiliate"},
    "proposals.edit": OXFORD_ADMIN,
    "proposals.partners": OXFORD_ADMIN,
    "proposals.move": OXFORD_ADMIN,  # submitting is the lead's move
    # The invited partner's admin answers; the secretariat may answer for a member, as it
    # may keep any member's profile and people.
    "proposals.respond": SECRETARIAT | {"affiliate"},
    # Cardiff's proposal under review: its assigned reviewer scores it, the secretariat assigns.
    "proposals.review": frozenset({"reviewer"}),
    "proposals.reviewers": SECRETARIAT,

    # Oxford's completed lab. The lead, who holds the award, reports on it and claims
    # payments; the secretariat pays and publishes outputs to the toolkit too.
    "lab_work.completion": OXFORD_ADMIN,
    "lab_work.new_update": OXFORD_ADMIN,
    "lab_work.new_output": OXFORD_ADMIN_AND_SECRETARIAT,
    "lab_work.payments": OXFORD_ADMIN_AND_SECRETARIAT,
    "lab_work.mark_paid": SECRETARIAT,

    # Groups: the seed lab's private steering group is for its people and the secretariat.
    "groups.index": SIGNED_IN,
    "groups.new": SECRETARIAT,
    "groups.show": STEERING_GROUP,
    # The group's people see who is in it; changing that is for its chair, its secretary,
    # the lead member's admin (Oxford's) and the secretariat, not for every person in it
    # (so not The Development Co-operative's advisor).
    "groups.people": STEERING_GROUP,
    "groups.add_person": OXFORD_ADMIN_AND_SECRETARIAT,
    "groups.remove_person": OXFORD_ADMIN_AND_SECRETARIAT,
    "plan.export_plan": STEERING_GROUP,
    "plan.import_plan": STEERING_GROUP,
    "plan.new_risk": STEERING_GROUP,
    "plan.new_task": STEERING_GROUP,
    "plan.risk": STEERING_GROUP,
    "plan.risks": STEERING_GROUP,
    "plan.save_baseline": STEERING_GROUP,
    "plan.task": STEERING_GROUP,
    "plan.timeline": STEERING_GROUP,
    "plan.timeline_svg": STEERING_GROUP,  # the timeline as a picture: whoever may see the timeline
    "meetings.add_action": STEERING_GROUP,
    "meetings.index": STEERING_GROUP,
    "meetings.new": STEERING_GROUP,
    "meetings.record": STEERING_GROUP,
    "meetings.show": STEERING_GROUP,

    # The forum: lists, search and the feed are for anyone (each shows what its reader may
    # read); the sample category and thread are the steering group's own.
    "forum.index": EVERYONE,
    "forum.search": EVERYONE,
    "forum.feed": EVERYONE,
    "forum.category": STEERING_GROUP,
    "forum.thread": STEERING_GROUP,
    "forum.first_unread": STEERING_GROUP,
    "forum.post": STEERING_GROUP,
    "forum_writing.new_thread": STEERING_GROUP,
    "forum_writing.reply": STEERING_GROUP,
    "forum_writing.flag": STEERING_GROUP,
    "forum_writing.follow_category": STEERING_GROUP,
    "forum_writing.follow_thread": STEERING_GROUP,
    # The post's author (Oxford's chair, not one of the kinds) or a moderator who may read
    # the thread: a moderator outside the group may not see its private thread at all.
    "forum_writing.edit": SECRETARIAT,
    "forum_writing.history": SECRETARIAT,
    "forum_writing.remove": OXFORD_ADMIN,  # her own post
    # The seed lab's public discussion.
    "forum_writing.discuss": FORUM_WRITERS,
    "forum_moderation.queue": MODERATORS,
    "forum_moderation.person": MODERATORS,
    "forum_moderation.lift": MODERATORS,
    "forum_moderation.new_category": SECRETARIAT,
    "forum_moderation.edit_category": SECRETARIAT,
    # Moderating the private thread and its posts: only those who may read it.
    "forum_moderation.thread": SECRETARIAT,
    "forum_moderation.toggle": SECRETARIAT,
    "forum_moderation.move": SECRETARIAT,
    "forum_moderation.merge": SECRETARIAT,
    "forum_moderation.decide": SECRETARIAT,

    # The directory: anyone reads and suggests; the people of the member council for an
    # area (Oxford's, for the sample entry and submission) or the secretariat moderate it.
    "directory.index": EVERYONE,
    "directory.map_view": EVERYONE,
    "directory.entry": EVERYONE,
    "directory.export_csv": EVERYONE,
    "directory.geojson": EVERYONE,
    "directory.add": EVERYONE,
    "directory.suggest": EVERYONE,
    "directory.contact": EVERYONE,
    "directory.request_link": EVERYONE,  # the link goes to the entry's own contact, not to who asks
    "directory.owner": EVERYONE,  # the organisation's private link
    "directory_moderation.queue": SECRETARIAT | COUNCILS_PEOPLE,
    "directory_moderation.new_entry": SECRETARIAT | COUNCILS_PEOPLE,
    "directory_moderation.submission": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.approve": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.reject": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.edit_entry": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.withdraw": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.restore": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_moderation.send_link": OXFORD_ADMIN_AND_SECRETARIAT,
    "directory_imports.index": SECRETARIAT,
    "directory_imports.show": SECRETARIAT,
    "directory_imports.upload": SECRETARIAT,
}
