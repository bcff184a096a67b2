"""The directory of co-operatives and purposeful businesses: its entries, the changes
proposed to them (waiting for a moderator), and the open data files imported into it."""

import re
import unicodedata
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

LEGAL_FORMS = (
    "cooperative_society",
    "community_benefit_society",
    "community_interest_company",
    "company_limited_by_guarantee",
    "employee_owned_trust",
    "unincorporated",
    "other",
)
# Who owns and controls it democratically; "none" when nobody does.
OWNERSHIPS = ("members", "workers", "community", "none")
SECTORS = (
    "food", "care", "housing", "energy", "finance", "retail", "digital", "creative",
    "construction", "transport", "cleaning", "hospitality", "education", "environment", "professional",
)
SOURCES = ("submitted", "imported", "staff")
ENTRY_STATES = ("live", "withdrawn")
SUBMISSION_KINDS = ("new", "change", "owner")
SUBMISSION_STATES = ("pending", "approved", "rejected")
# The fields a submission may propose, in the order forms and comparisons show them.
FIELDS = (
    "name", "legal_form", "ownership", "sectors", "offers", "description", "address", "postcode",
    "latitude", "longitude", "area_code", "website", "contact_email", "registration_number",
)

_FILLER_WORDS = {"the", "and", "of", "limited", "ltd", "co", "op", "coop", "cooperative", "society", "cic", "community", "interest", "company"}


def normalise_name(name):
    """The name with case, accents, punctuation and legal words folded away, for finding duplicates."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9\s]", " ", text.replace("&", " and ").replace("co-op", "coop"))
    words = [word for word in text.split() if word not in _FILLER_WORDS]
    return " ".join(words) or " ".join(text.split())


def normalise_postcode(postcode):
    """'ox1 1aa' and 'OX11AA' are both 'OX1 1AA'."""
    compact = re.sub(r"\s+", "", postcode or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 4 else compact


def normalise_registration(number):
    compact = re.sub(r"[\s.-]+", "", number or "").upper()
    return compact or None


class Entry(db.Model):
    """An organisation on the directory."""

    __tablename__ = "directory_entry"
    __table_args__ = (
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude"),
        CheckConstraint("longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude"),
        Index("ix_directory_entry_duplicate", "normalised_name", "postcode"),
        Index("ix_directory_entry_listing", "state", "last_confirmed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    normalised_name: Mapped[str] = mapped_column(String(200), default="")
    legal_form: Mapped[str] = mapped_column(String(40))
    ownership: Mapped[str] = mapped_column(String(12), default="none")
    offers: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # The local authority area by its ONS code (the member council with that code moderates it).
    area_code: Mapped[str | None] = mapped_column(String(9), index=True)
    area_name: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    # Never shown: messages through the contact form go to it.
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    registration_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    source: Mapped[str] = mapped_column(String(10), default="staff")
    state: Mapped[str] = mapped_column(String(10), default="live")
    last_confirmed_on: Mapped[date] = mapped_column(Date)
    # The day its contact was last asked to confirm it (flask portal directory reconfirm).
    reconfirm_asked_on: Mapped[date | None] = mapped_column(Date)
    # Changing the contact makes every update link sent before unusable.
    link_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    sector_rows: Mapped[list["EntrySector"]] = relationship(cascade="all, delete-orphan", order_by="EntrySector.sector")

    @property
    def sectors(self):
        return [row.sector for row in self.sector_rows]

    @sectors.setter
    def sectors(self, names):
        keep = [row for row in self.sector_rows if row.sector in names]
        have = {row.sector for row in keep}
        self.sector_rows = keep + [EntrySector(sector=name) for name in SECTORS if name in names and name not in have]

    @property
    def on_map(self):
        return self.latitude is not None and self.longitude is not None

    def values(self):
        """The entry's proposable fields, as a submission holds them."""
        return {field: getattr(self, field) for field in FIELDS}


class EntrySector(db.Model):
    __tablename__ = "directory_entry_sector"
    __table_args__ = (UniqueConstraint("entry_id", "sector"), Index("ix_directory_entry_sector_sector", "sector", "entry_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("directory_entry.id", ondelete="CASCADE"))
    sector: Mapped[str] = mapped_column(String(20))


class Submission(db.Model):
    """A new organisation or a change to one, sent through the public form or an owner's
    link, waiting for a moderator of its area."""

    __tablename__ = "directory_submission"
    __table_args__ = (Index("ix_directory_submission_queue", "state", "area_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("directory_entry.id", ondelete="CASCADE"), index=True)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    area_code: Mapped[str | None] = mapped_column(String(9))
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    submitter_email: Mapped[str] = mapped_column(String(254), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    entry: Mapped[Entry | None] = relationship()
    decided_by = relationship("Person")


class Import(db.Model):
    """A CSV file uploaded for import: kept while it is mapped and checked, and afterwards as
    the record of what it added, merged and skipped."""

    __tablename__ = "directory_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(default=0)
    mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(10), default="uploaded")  # uploaded, done
    report: Mapped[dict] = mapped_column(JSON, default=dict)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    uploaded_by = relationship("Person")
