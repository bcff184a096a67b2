"""Every kind of email the portal sends, in the categories a person chooses for, or among
those a person must get by email whatever they choose.

The kinds are the ``kind=`` each area passes to ``mail.enqueue``; a kind no one has put here
is emailed at once, as before there were choices (tests/notifications/test_kinds.py finds
any left out).
"""

from flask_babel import lazy_gettext as _l

NOW, DIGEST, PORTAL = "now", "digest", "portal"
# The daily email itself: it gathers notifications, and is not one.
DIGEST_KIND = "notifications_digest"

# What a person chooses for, in the order the settings page shows them: (name, what it holds).
CATEGORIES = {
    "ballots": (_l("Ballots"), _l("Voting opening and about to close on decisions your organisation votes on, their results, and "
                                  "being named a proxy.")),
    "proposals": (_l("Proposals and reviews"), _l("Invitations to be a partner in a Policy Lab, answers to yours, a proposal "
                                                  "moving on, and proposals given to you to review.")),
    "groups": (_l("Group tasks and meetings"), _l("Being added to or taken out of a group, tasks you own that are due or "
                                                  "overdue, and risks you own that are due for review.")),
    "forum": (_l("Forum"), _l("New posts in the threads and categories you watch, and mentions of you. Which threads and "
                              "categories you watch is set on each one.")),
    "membership": (_l("Membership and invoices"), _l("Being named, or no longer being, one of your organisation's "
                                                     "representatives, and colleagues asking to add you. Invoices always come "
                                                     "by email: see below.")),
    "directory": (_l("Co-operative directory"), _l("Entries waiting for you to check in an area you look after.")),
    "programme": (_l("Work programme"), _l("Ideas you put forward being edited, merged, shortlisted, not taken forward or adopted; "
                                           "progress on the work programme items you own or proposed; motions and amendments you "
                                           "moved or seconded being seconded, amended, ruled on or lapsing.")),
}

# What always comes by email, and why: (name, what it holds and why it cannot be switched off).
MUST = {
    "security": (_l("The security of your account"), _l(
        "Invitations, password resets and changes, changes of email address, and many failed sign-ins. You must hear of "
        "these at once: they may mean someone else is using your account.")),
    "ballots_cast": (_l("Ballots you cast"), _l(
        "A ballot you cast as a proxy that no longer stands. You need to know before voting closes.")),
    "invoices": (_l("Invoices"), _l(
        "Your organisation's invoices and their reminders, sent to its contact for payments. An unpaid invoice can cost "
        "your organisation its vote.")),
    "personal_data": (_l("Your personal data"), _l(
        "Answers to your requests about your personal data, which the law says we must send you.")),
    "addressed": (_l("Emails to an organisation's address"), _l(
        "Emails about an application to join or a directory entry go to the address the organisation gave, whoever "
        "reads it, so they cannot depend on one person's choices.")),
}

KINDS = {
    "decision_voting_open": "ballots", "decision_closing_soon": "ballots", "decision_results": "ballots",
    "proxy_appointed": "ballots",
    "lab_partner_invited": "proposals", "lab_partner_responded": "proposals", "lab_moved": "proposals",
    "lab_review_assigned": "proposals",
    "group_person_added": "groups", "group_person_removed": "groups", "task_due": "groups", "task_overdue": "groups",
    "risk_review": "groups",
    "forum_post": "forum", "forum_mention": "forum",
    "representative_named": "membership", "representative_replaced": "membership", "colleague_has_account": "membership",
    "directory_waiting": "directory",
    "idea_edited": "programme", "idea_merged": "programme", "idea_decided": "programme",
    "idea_adopted": "programme", "programme_item_updated": "programme", "programme_item_owner": "programme",
    "motion_seconded": "programme", "motion_amended": "programme", "motion_ruled": "programme", "motion_lapsed": "programme",
    "amendment_seconded": "programme", "amendment_ruled": "programme", "amendment_lapsed": "programme",
    "invitation": "security", "password_reset": "security", "password_changed": "security", "email_change": "security",
    "email_change_notice": "security", "email_in_use": "security", "sign_in_failures": "security",
    "proxy_ballot_replaced": "ballots_cast", "proxy_ballot_withdrawn": "ballots_cast",
    "invoice_raised": "invoices", "invoice_due": "invoices", "invoice_overdue": "invoices",
    "erasure_requested": "personal_data", "erasure_declined": "personal_data",
    "application_received": "addressed", "application_again": "addressed", "application_declined": "addressed",
    "directory_contact": "addressed", "directory_received": "addressed", "directory_approved": "addressed",
    "directory_rejected": "addressed", "directory_link": "addressed",
}

# Kinds whose link is a secret that works without signing in: the notification keeps no link.
PRIVATE_LINKS = frozenset({"invitation", "password_reset", "email_change", "directory_link"})


def group_of(kind):
    """The category or must-get group of ``kind``; None for a kind no one has classified."""
    return KINDS.get(kind)


def label_of(kind):
    """The name of the category (or must-get group) of ``kind``, for the notifications page."""
    group = KINDS.get(kind)
    return (CATEGORIES.get(group) or MUST.get(group) or (None,))[0]
