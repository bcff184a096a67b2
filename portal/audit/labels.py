"""Every audit code in words, and the kinds of event the log is filtered by: one map, read by
"Your data" and by the secretariat's audit log. A code recorded without words here fails the
suite (tests/audit/test_labels.py), so nobody is shown `person.second_factor_added`."""

from flask_babel import lazy_gettext as _l

from ..i18n import translated

LABELS = {
    # Accounts and sign-in
    "person.invited": _l("Invited to the portal"),
    "person.joined": _l("Set up their account"),
    "person.details_changed": _l("Changed account details"),
    "person.email_changed": _l("Changed email address"),
    "person.password_changed": _l("Changed password"),
    "person.password_reset": _l("Reset password with an emailed link"),
    "person.second_factor_added": _l("Turned on an authenticator app"),
    "person.second_factor_removed": _l("Removed an authenticator app"),
    "person.roles_changed": _l("Network roles changed"),
    "person.deactivated": _l("Account deactivated"),
    "person.reactivated": _l("Account reactivated"),
    "person.erasure_requested": _l("Asked for an account to be erased"),
    "person.erasure_declined": _l("Request to erase an account declined"),
    "person.erased": _l("Account erased"),
    # Membership
    "application.submitted": _l("Application to join sent"),
    "application.approved": _l("Application to join approved"),
    "application.declined": _l("Application to join declined"),
    "member.joined": _l("Member joined"),
    "member.changed": _l("Member's details changed"),
    "member.profile_changed": _l("Member's profile changed"),
    "member.billing_changed": _l("Member's billing details changed"),
    "member.status_changed": _l("Member's status changed"),
    "member.suspended": _l("Member suspended"),
    "member.reinstated": _l("Member reinstated"),
    "member.resigned": _l("Member resigned"),
    "member.representative_changed": _l("Member's representative changed"),
    "member.person_removed": _l("Person removed from a member"),
    "member.imported": _l("Member imported"),
    "member.updated_by_import": _l("Member updated by an import"),
    "tier.created": _l("Tier created"),
    "tier.changed": _l("Tier changed"),
    # Money
    "subscription.raised": _l("Subscription raised"),
    "invoice.credit_note": _l("Credit note issued"),
    "invoice.waiver": _l("Invoice waived"),
    "invoice.purchase_order_changed": _l("Purchase order changed"),
    "invoicing.details_changed": _l("Invoicing details changed"),
    "payment.recorded": _l("Payment recorded"),
    "credit.received": _l("Overpayment kept as credit"),
    "credit.used": _l("Credit used against an invoice"),
    "credit.refunded": _l("Credit refunded"),
    # Decisions
    "decision.created": _l("Decision created"),
    "decision.imported": _l("Decision imported"),
    "decision.scheduled": _l("Voting scheduled"),
    "decision.unscheduled": _l("Voting unscheduled"),
    "decision.opened": _l("Voting opened"),
    "decision.closed": _l("Voting closed"),
    "decision.published": _l("Results published"),
    "decision.annulled": _l("Decision annulled"),
    "ballot.cast": _l("Ballot cast"),
    "ballot.changed": _l("Ballot changed"),
    "ballot.replaced_proxy": _l("Ballot cast in place of the proxy's"),
    "ballot.withdrawn": _l("Ballot withdrawn"),
    "proxy.appointed": _l("Proxy appointed"),
    "proxy.revoked": _l("Proxy revoked"),
    "proxy.used": _l("Proxy voted"),
    # Policy Labs
    "round.opened": _l("Funding round opened"),
    "round.changed": _l("Funding round changed"),
    "round.shortlist_put_to_members": _l("Shortlist put to the members"),
    "proposal.drafted": _l("Proposal started"),
    "proposal.edited": _l("Proposal edited"),
    "proposal.partner_invited": _l("Partner invited to a proposal"),
    "proposal.partner_responded": _l("Partner answered an invitation"),
    "proposal.reviewer_assigned": _l("Reviewer assigned"),
    "proposal.reviewed": _l("Proposal reviewed"),
    "proposal.submit": _l("Proposal submitted"),
    "proposal.resubmit": _l("Proposal submitted again"),
    "proposal.withdraw": _l("Proposal withdrawn"),
    "proposal.start_review": _l("Review of a proposal started"),
    "proposal.request_changes": _l("Changes to a proposal asked for"),
    "proposal.approve": _l("Proposal approved"),
    "proposal.decline": _l("Proposal declined"),
    "proposal.activate": _l("Lab started"),
    "proposal.complete": _l("Lab completed"),
    "lab.award_claimed": _l("Award claimed"),
    "lab.award_paid": _l("Award claim paid"),
    "lab.progress_reported": _l("Progress reported"),
    "lab.completion_report_saved": _l("Completion report saved"),
    "toolkit.published": _l("Toolkit resource published"),
    # Groups
    "group.created": _l("Group created"),
    "group.person_added": _l("Person added to a group"),
    "group.person_removed": _l("Person removed from a group"),
    "task.created": _l("Task created"),
    "task.dates_changed": _l("Task dates changed"),
    "plan.imported": _l("Plan imported"),
    "plan.baseline_saved": _l("Baseline saved"),
    "risk.saved": _l("Risk saved"),
    "meetings.scheduled": _l("Meetings scheduled"),
    "meeting.recorded": _l("Meeting recorded"),
    "meeting.action_added": _l("Action from a meeting added"),
    # Forum
    "forum.category_saved": _l("Forum category saved"),
    "forum.post_hidden": _l("Post hidden"),
    "forum.post_hidden_by_flags": _l("Post hidden by flags"),
    "forum.post_restored": _l("Post restored"),
    "forum.post_removed": _l("Post removed"),
    "forum.post_edited_by_moderator": _l("Post edited by a moderator"),
    "forum.thread_pinned": _l("Thread pinned"),
    "forum.thread_unpinned": _l("Thread unpinned"),
    "forum.thread_locked": _l("Thread locked"),
    "forum.thread_unlocked": _l("Thread unlocked"),
    "forum.thread_moved": _l("Thread moved"),
    "forum.thread_merged": _l("Threads merged"),
    "forum.person_suspended": _l("Person suspended from the forum"),
    "forum.suspension_lifted": _l("Forum suspension lifted"),
    # Directory
    "directory.entry_added": _l("Directory entry added"),
    "directory.entry_changed": _l("Directory entry changed"),
    "directory.entry_confirmed": _l("Directory entry confirmed"),
    "directory.entry_withdrawn": _l("Directory entry withdrawn"),
    "directory.entry_restored": _l("Directory entry restored"),
    "directory.submission_approved": _l("Directory suggestion approved"),
    "directory.submission_rejected": _l("Directory suggestion rejected"),
    "directory.imported": _l("Directory imported"),
    # The work programme
    "programme.call_opened": _l("Call for ideas made"),
    "programme.idea_drafted": _l("Idea drafted"),
    "programme.idea_edited": _l("Idea changed"),
    "programme.idea_submitted": _l("Idea submitted"),
    "programme.idea_withdrawn": _l("Idea withdrawn"),
    "programme.idea_supported": _l("Idea supported"),
    "programme.idea_support_withdrawn": _l("Support for an idea withdrawn"),
    "programme.idea_merged": _l("Ideas merged"),
    "programme.idea_decided": _l("Idea shortlisted or not taken forward"),
    "programme.vote_made": _l("Programme vote made from the shortlist"),
    "programme.adopted": _l("Work programme adopted"),
    "programme.item_updated": _l("Progress reported on a programme item"),
    "programme.item_owner_changed": _l("Programme item's owner changed"),
    "programme.item_linked": _l("Programme item linked to what delivers it"),
    "programme.item_unlinked": _l("Programme item's link removed"),
    "programme.meeting_created": _l("General meeting called"),
    "programme.meeting_votes_made": _l("Votes made from a general meeting's agenda"),
    "programme.motion_submitted": _l("Motion put"),
    "programme.motion_seconded": _l("Motion seconded"),
    "programme.motion_ruled": _l("Motion ruled on"),
    "programme.motion_lapsed": _l("Motion lapsed without a seconder"),
    "programme.amendment_proposed": _l("Amendment proposed"),
    "programme.amendment_seconded": _l("Amendment seconded"),
    "programme.amendment_ruled": _l("Amendment ruled on"),
    "programme.amendment_lapsed": _l("Amendment lapsed without a seconder"),
    # The system
    "privacy.purged": _l("Old personal data purged"),
    "demo.loaded": _l("Demo network loaded"),
    "bench.loaded": _l("Benchmark data loaded"),
}

# Kinds of event, each the codes that begin with one of its prefixes.
KINDS = {
    "accounts": (_l("Accounts and sign-in"), ("person.",)),
    "membership": (_l("Membership"), ("application.", "member.", "tier.")),
    "money": (_l("Subscriptions and payments"), ("subscription.", "invoice.", "invoicing.", "payment.", "credit.")),
    "decisions": (_l("Decisions and ballots"), ("decision.", "ballot.", "proxy.")),
    "labs": (_l("Funding rounds and Policy Labs"), ("round.", "proposal.", "lab.", "toolkit.")),
    "groups": (_l("Groups, plans and meetings"), ("group.", "task.", "plan.", "risk.", "meetings.", "meeting.")),
    "forum": (_l("Forum"), ("forum.",)),
    "directory": (_l("Directory"), ("directory.",)),
    "programme": (_l("Work programme"), ("programme.",)),
    "system": (_l("The system"), ("privacy.", "demo.", "bench.")),
}


def kind_of(code):
    """The kind an audit code belongs to, or None."""
    return next((kind for kind, (_label, prefixes) in KINDS.items() if code.startswith(prefixes)), None)


def codes_of(kind):
    """Every labelled code of ``kind``, for filtering the log."""
    return sorted(code for code in LABELS if kind_of(code) == kind)


def action_label(code):
    """The words for an audit code in the person's language; an unknown code is shown as it is."""
    label = LABELS.get(code)
    return code if label is None else translated(label)


def init_app(app):
    app.add_template_global(action_label, "audit_action_label")
