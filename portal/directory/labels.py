"""The words people see for the directory's fixed values."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

LEGAL_FORM_LABELS = {
    "cooperative_society": _l("Co-operative society"),
    "community_benefit_society": _l("Community benefit society"),
    "community_interest_company": _l("Community interest company"),
    "company_limited_by_guarantee": _l("Company limited by guarantee"),
    "employee_owned_trust": _l("Employee-owned trust"),
    "unincorporated": _l("Unincorporated association"),
    "other": _l("Another form"),
}
OWNERSHIP_LABELS = {
    "members": _l("Yes, by its members (customers, tenants or users)"),
    "workers": _l("Yes, by its workers"),
    "community": _l("Yes, by its community"),
    "none": _l("No, or not known"),
}
OWNERSHIP_SHORT = {
    "members": _l("Owned by its members"),
    "workers": _l("Owned by its workers"),
    "community": _l("Owned by its community"),
    "none": _l("Not democratically owned"),
}
SECTOR_LABELS = {
    "food": _l("Food and drink"),
    "care": _l("Care and health"),
    "housing": _l("Housing"),
    "energy": _l("Energy"),
    "finance": _l("Finance and credit"),
    "retail": _l("Shops and retail"),
    "digital": _l("Digital and technology"),
    "creative": _l("Arts and creative"),
    "construction": _l("Building and repairs"),
    "transport": _l("Transport and delivery"),
    "cleaning": _l("Cleaning and facilities"),
    "hospitality": _l("Catering and hospitality"),
    "education": _l("Education and training"),
    "environment": _l("Environment and recycling"),
    "professional": _l("Professional services"),
}
SOURCE_LABELS = {
    "submitted": _l("Sent in through the directory's form"),
    "imported": _l("Imported from an open data file"),
    "staff": _l("Entered by the network's staff"),
}
FRESHNESS_LABELS = {
    "confirmed": _l("Confirmed"),
    "unconfirmed": _l("Not confirmed for over a year"),
    "off_map": _l("Not confirmed for 18 months: off the public map"),
}
SUBMISSION_KIND_LABELS = {
    "new": _l("New organisation"),
    "change": _l("Suggested change"),
    "owner": _l("Update from the organisation"),
}
SUBMISSION_STATE_LABELS = {
    "pending": _l("Waiting"),
    "approved": lazy_pgettext("directory submission", "Approved"),
    "rejected": _l("Rejected"),
}
FIELD_LABELS = {
    "name": _l("Name"),
    "legal_form": _l("Legal form"),
    "ownership": _l("Democratically owned"),
    "sectors": _l("Sectors"),
    "offers": _l("What it offers"),
    "description": _l("About the organisation"),
    "address": _l("Address"),
    "postcode": _l("Postcode"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "area_code": _l("Local authority area"),
    "area_name": _l("Local authority area name"),
    "website": _l("Website"),
    "contact_email": _l("Contact email"),
    "registration_number": _l("Registration number"),
}
