"""Invented organisations around the three pilot areas of the seed report's Policy Lab
(Oxford, Stevenage and Torbay), in every state the directory knows: fresh, unconfirmed,
off the map, withdrawn, and waiting for a moderator."""

from datetime import timedelta

from ..membership.rules.dates import today
from .rules import entries, imports

OXFORD, STEVENAGE, TORBAY = "E07000178", "E07000243", "E06000027"
CENTRES = {OXFORD: (51.7520, -1.2577, "OX"), STEVENAGE: (51.9038, -0.1966, "SG"), TORBAY: (50.4619, -3.5253, "TQ")}

# name, area, legal form, ownership, sectors, offers, days since confirmed
ORGANISATIONS = [
    ("Cowley Road Workers' Bakery", OXFORD, "cooperative_society", "workers", ["food", "hospitality"],
     "Bread, pastries and catering for meetings of up to 200 people.", 40),
    ("Blackbird Leys Community Energy", OXFORD, "community_benefit_society", "community", ["energy"],
     "Rooftop solar on public buildings; energy audits for schools and community centres.", 120),
    ("Isis Cycle Couriers", OXFORD, "cooperative_society", "workers", ["transport"],
     "Same-day cargo bike delivery within the ring road; post room runs.", 300),
    ("Rose Hill Community Larder", OXFORD, "community_interest_company", "community", ["food"],
     "Surplus food redistribution; healthy lunches for holiday clubs.", 30),
    ("Headington Care Co-operative", OXFORD, "cooperative_society", "workers", ["care"],
     "Home care and support for adults, commissioned by the county and self-funders.", 90),
    ("Oxford Digital Commons", OXFORD, "cooperative_society", "workers", ["digital", "professional"],
     "Accessible websites, data protection reviews and open source support for public bodies.", 410),
    ("East Oxford Community Land Trust", OXFORD, "community_benefit_society", "community", ["housing", "construction"],
     "Community-led affordable homes; retrofit advice.", 200),
    ("Barton Makers", OXFORD, "company_limited_by_guarantee", "none", ["creative", "education"],
     "Workshops in woodwork and repair for schools, youth services and older people.", 60),
    ("Osney Mead Cleaning Co-operative", OXFORD, "cooperative_society", "workers", ["cleaning"],
     "Office, school and event cleaning at the Living Wage.", 15),
    ("Wood Farm Credit Union Service Point", OXFORD, "cooperative_society", "members", ["finance"],
     "Savings and affordable loans; payroll savings schemes for employers.", 580),
    ("Littlemore Repair Café", OXFORD, "unincorporated", "community", ["environment"],
     "Repair events and reuse of furniture and electricals.", 25),
    ("Oxford Translators' Co-op", OXFORD, "cooperative_society", "workers", ["professional"],
     "Translation and community interpreting in 30 languages, including Welsh and British Sign Language.", 150),
    ("Stevenage Old Town Community Pub", STEVENAGE, "community_benefit_society", "community", ["hospitality", "food"],
     "Meeting rooms, event catering and a community hall.", 50),
    ("Fairlands Valley Growers", STEVENAGE, "cooperative_society", "members", ["food", "environment"],
     "Seasonal vegetables for school kitchens and veg boxes.", 100),
    ("Bedwell Carers' Co-operative", STEVENAGE, "cooperative_society", "workers", ["care"],
     "Respite and home care; carers' training.", 380),
    ("Shephall Print Workers", STEVENAGE, "employee_owned_trust", "workers", ["creative", "professional"],
     "Print, design and signage for councils and charities.", 70),
    ("Stevenage Tenants' Repairs Co-op", STEVENAGE, "cooperative_society", "members", ["construction", "housing"],
     "Small repairs, decorating and void property clearances.", 240),
    ("Pin Green Community Transport", STEVENAGE, "community_interest_company", "community", ["transport"],
     "Accessible minibuses with drivers for day centres and school trips.", 20),
    ("Chells Digital Skills", STEVENAGE, "company_limited_by_guarantee", "none", ["education", "digital"],
     "Digital skills courses for adults; refurbished laptops.", 130),
    ("St Nicholas Childcare Co-operative", STEVENAGE, "cooperative_society", "members", ["education", "care"],
     "Nursery places and holiday clubs run by parents and staff together.", 450),
    ("Stevenage Energy Savers", STEVENAGE, "community_benefit_society", "community", ["energy"],
     "Home energy visits and insulation for council tenants.", 10),
    ("Torquay Harbour Fishermen's Co-operative", TORBAY, "cooperative_society", "members", ["food"],
     "Day-boat fish for school meals, hospitals and restaurants.", 80),
    ("Paignton Community Kitchen", TORBAY, "community_interest_company", "community", ["food", "hospitality"],
     "Catering for events and meals-on-wheels across the bay.", 35),
    ("Brixham Boatyard Workers", TORBAY, "employee_owned_trust", "workers", ["construction"],
     "Marine engineering, boat repairs and harbour maintenance.", 160),
    ("Torbay Care Collective", TORBAY, "cooperative_society", "workers", ["care"],
     "Home care for older people; dementia support at home.", 55),
    ("English Riviera Housing Co-operative", TORBAY, "cooperative_society", "members", ["housing"],
     "Affordable homes managed by their tenants.", 600),
    ("Bay Digital Co-op", TORBAY, "cooperative_society", "workers", ["digital"],
     "Websites, booking systems and IT support for small councils and charities.", 45),
    ("Torre Abbey Gardeners", TORBAY, "unincorporated", "community", ["environment"],
     "Grounds maintenance and planting for parks and schools.", 390),
    ("South Devon Laundry Co-operative", TORBAY, "cooperative_society", "workers", ["cleaning"],
     "Linen and laundry for care homes, hotels and the hospital.", 210),
    ("Torbay Community Credit", TORBAY, "cooperative_society", "members", ["finance"],
     "Affordable loans and savings; money advice sessions.", 95),
]


def load(secretariat):
    """Flushes, never commits."""
    day = today()
    made = []
    for index, (name, area, form, ownership, sectors, offers, age) in enumerate(ORGANISATIONS):
        latitude, longitude, prefix = CENTRES[area]
        # Spread the markers around the town centre, the same way on every load.
        latitude += ((index * 37) % 21 - 10) * 0.0021
        longitude += ((index * 53) % 23 - 11) * 0.0029
        slug = "".join(char for char in name.lower() if char.isalnum())[:20]
        entry = entries.add({
            "name": name, "legal_form": form, "ownership": ownership, "sectors": sectors, "offers": offers,
            "description": "", "address": f"{index + 1} High Street", "postcode": f"{prefix}{index % 9 + 1} {index % 9 + 1}AB",
            "latitude": round(latitude, 6), "longitude": round(longitude, 6), "area_code": area,
            "website": f"https://{slug}.example.org", "contact_email": f"hello@{slug}.example.org",
            "registration_number": f"RS{30000 + index * 7}" if form in ("cooperative_society", "community_benefit_society") else None,
        }, by=secretariat, source="staff" if index % 3 else "submitted")
        entry.last_confirmed_on = day - timedelta(days=age)
        made.append(entry)
    entries.withdraw(made[7], by=secretariat)

    entries.submit("new", {
        "name": "Jericho Bike Kitchen", "legal_form": "community_interest_company", "ownership": "community",
        "sectors": ["transport", "education"], "offers": "Bike repair training and servicing for staff cycle schemes.",
        "postcode": "OX2 6AA", "area_code": OXFORD, "latitude": 51.7588, "longitude": -1.2670,
        "contact_email": "hello@jerichobikes.example.org",
    }, submitter_name="Tom Baker", submitter_email="tom@jerichobikes.example.org", note="We started trading in March.")
    entries.submit("change", {**made[13].values(), "offers": made[13].offers + " Veg boxes delivered by bike."},
                   entry=made[13], submitter_name="Amira Khan", submitter_email="amira@example.com")
    entries.submit("new", {
        "name": "Babbacombe Surf School CIC", "legal_form": "community_interest_company", "ownership": "none",
        "sectors": ["education"], "offers": "Water safety lessons for schools.", "area_code": TORBAY,
    }, submitter_name="Sam Lee", submitter_email="sam@example.com")

    # An extract of a register, imported: one new society, one already listed, one repeated row.
    record, _ = imports.upload("mutuals-register-oxfordshire.csv", REGISTER_EXTRACT, by=secretariat)
    imports.apply(imports.plan(record.content, record.mapping), record, by=secretariat)
    return made


REGISTER_EXTRACT = """Society Name,Society Number,Registered As,Registered Postcode,Local Authority Code,Sector
Summertown Community Orchard,RS41020,Community Benefit Society,OX2 7AA,E07000178,food;environment
Cowley Road Workers' Bakery,RS30000,Bona fide co-operative,OX1 1AB,E07000178,food
Summertown Community Orchard,RS41020,Community Benefit Society,OX2 7AA,E07000178,food;environment
"""
