"""Invented but believable names: councils across the four nations, and the people who work
for them. Place names are built from English and Welsh parts, so some are real places and
most merely sound like one; people's names mix the UK's common first names and surnames."""

import re
import unicodedata

# Parts of English place names: most pairs sound like a real town.
HEADS = (
    "Ash", "Ald", "Alder", "Bar", "Black", "Brad", "Bram", "Brent", "Broad", "Brook", "Burn", "Cal", "Chap", "Chel",
    "Clay", "Cold", "Cran", "Dun", "East", "Elm", "Fair", "Fern", "Green", "Hal", "Ham", "Hart", "Hather", "Hey",
    "Holm", "Hun", "Kings", "Kirk", "Lang", "Lea", "Lin", "Long", "Mar", "Mill", "Nor", "Oak", "Ox", "Pen", "Red",
    "Rush", "Salt", "Sand", "Sher", "Stan", "Stock", "Stone", "Sud", "Sum", "Sut", "Thorn", "Wal", "Wel", "West",
    "Whit", "Wick", "Wild", "Win", "Wood", "Wor", "Yar",
)
TAILS = (
    "bury", "by", "combe", "dale", "den", "field", "ford", "ham", "hurst", "ington", "ley", "minster", "mouth",
    "stead", "stoke", "thorpe", "ton", "wick", "well", "worth", "bridge", "borough", "cott", "wood", "moor",
)
WELSH_HEADS = ("Aber", "Llan", "Pont", "Cwm", "Tre", "Caer", "Pen", "Bryn", "Maes", "Nant", "Rhos", "Ystrad")
WELSH_TAILS = ("dare", "gollen", "fair", "wen", "avon", "teg", "hir", "gwyn", "deg", "ffordd", "y-bont", "arth", "wern")
SCOTTISH_HEADS = ("Aber", "Inver", "Kil", "Dun", "Glen", "Strath", "Auch", "Bal", "Kin")
SCOTTISH_TAILS = ("deen", "ness", "marnock", "lochy", "ross", "more", "tyre", "garry", "ellan", "cardine")
QUALIFIERS = ("Great", "Little", "North", "South", "Upper", "Lower", "Market", "New")

ENGLISH_REGIONS = ("north_east", "north_west", "yorkshire", "east_midlands", "west_midlands", "east", "london",
                   "south_east", "south_west")

# (kind of council, how its name is written, ONS code prefix, population range)
COUNCIL_KINDS = (
    ("parish", "{place} Parish Council", "E04", (900, 9_000)),
    ("town", "{place} Town Council", "E04", (6_000, 40_000)),
    ("district", "{place} District Council", "E07", (60_000, 140_000)),
    ("borough", "{place} Borough Council", "E07", (80_000, 260_000)),
    ("city", "{place} City Council", "E08", (120_000, 560_000)),
    ("county", "{place}shire County Council", "E10", (300_000, 1_400_000)),
    ("unitary", "{place} Council", "E06", (130_000, 520_000)),
)
COUNCIL_WEIGHTS = (22, 20, 18, 16, 9, 4, 11)
WELSH_KINDS = (
    ("community", "{place} Community Council", "W04", (1_000, 12_000)),
    ("town", "{place} Town Council", "W04", (5_000, 30_000)),
    ("principal", "{place} County Borough Council", "W06", (60_000, 240_000)),
)
SCOTTISH_KIND = ("unitary", "{place} Council", "S12", (40_000, 330_000))
COMBINED_AUTHORITY = "{place} Combined Authority"
SHIRES = ("ford", "ham", "ton", "wick", "bury")

FIRST_NAMES = (
    "Aaliyah", "Abdul", "Adam", "Aisha", "Alan", "Alice", "Amelia", "Amir", "Andrew", "Angela", "Anita", "Ann", "Anthony",
    "Arjun", "Ayesha", "Barbara", "Ben", "Bethan", "Bilal", "Brian", "Callum", "Carol", "Catherine", "Charlotte", "Chloe",
    "Chris", "Claire", "Daniel", "Darren", "David", "Deborah", "Deepa", "Dylan", "Eleanor", "Elin", "Ellie", "Emily",
    "Emma", "Eilidh", "Farah", "Fatima", "Fiona", "Gareth", "Gemma", "George", "Grace", "Graham", "Gurpreet", "Hannah",
    "Harriet", "Harry", "Hassan", "Helen", "Ian", "Imran", "Isla", "Jack", "Jade", "James", "Jasmine", "Jason",
    "Jennifer", "Joanne", "John", "Jonathan", "Joseph", "Julie", "Karen", "Kate", "Kerry", "Kevin", "Kiran", "Laura",
    "Leah", "Lee", "Liam", "Linda", "Lisa", "Lucy", "Mandeep", "Marcus", "Mark", "Martin", "Mary", "Matthew", "Megan",
    "Michael", "Mohammed", "Nadia", "Naomi", "Neil", "Nia", "Nicola", "Noah", "Oliver", "Olivia", "Omar", "Owen",
    "Paul", "Peter", "Priya", "Rachel", "Rajesh", "Rebecca", "Rhys", "Richard", "Robert", "Rosie", "Ruth", "Ryan",
    "Sadia", "Samuel", "Sarah", "Scott", "Seren", "Shabana", "Simon", "Sophie", "Stephen", "Steven", "Susan", "Tariq",
    "Thomas", "Tom", "Tracey", "Usman", "Victoria", "Wendy", "William", "Yasmin", "Yusuf", "Zara", "Zoe",
)
SURNAMES = (
    "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Armstrong", "Atkinson", "Bailey", "Baker", "Begum", "Bell", "Bennett",
    "Brown", "Butler", "Campbell", "Carter", "Chapman", "Chowdhury", "Clark", "Clarke", "Cole", "Collins", "Cook",
    "Cooper", "Cox", "Davies", "Dixon", "Edwards", "Ellis", "Evans", "Fisher", "Fletcher", "Foster", "Fraser", "Gill",
    "Graham", "Gray", "Green", "Griffiths", "Hall", "Harris", "Harrison", "Hill", "Hughes", "Hunt", "Hussain", "Jackson",
    "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "King", "Knight", "Lee", "Lewis", "Lloyd",
    "Macdonald", "Malik", "Marshall", "Martin", "Mason", "Mills", "Mitchell", "Moore", "Morgan", "Morris", "Murphy",
    "Murray", "Nelson", "Nwosu", "O'Brien", "Owen", "Palmer", "Parker", "Parry", "Patel", "Pearson", "Phillips",
    "Powell", "Price", "Pritchard", "Rahman", "Reid", "Richards", "Roberts", "Robertson", "Robinson", "Rogers", "Rose",
    "Russell", "Scott", "Shah", "Sharma", "Shaw", "Simpson", "Singh", "Smith", "Stewart", "Taylor", "Thomas",
    "Thompson", "Turner", "Walker", "Ward", "Watson", "White", "Wilkinson", "Williams", "Wilson", "Wood", "Wright",
    "Young",
)


def council_names(rng, count, taken=()):
    """``count`` councils as dicts (name, place, kind, region, code prefix, population), their
    names unique, and unlike ``taken``, once 'Borough', 'City' and 'Council' are folded away."""
    from ..membership.models.members import normalise_name

    made, seen = [], {normalise_name(name) for name in taken}
    combined = max(1, count // 60)
    while len(made) < count:
        nation = rng.choices(("england", "wales", "scotland"), weights=(84, 11, 5))[0]
        council = _combined_authority(rng) if len(made) < combined else _council(rng, nation)
        key = normalise_name(council["name"])
        if key in seen:
            continue
        seen.add(key)
        made.append(council)
    rng.shuffle(made)
    return made


def _place(rng, nation):
    if nation == "wales":
        place = rng.choice(WELSH_HEADS) + rng.choice(WELSH_TAILS)
    elif nation == "scotland":
        place = rng.choice(SCOTTISH_HEADS) + rng.choice(SCOTTISH_TAILS)
    else:
        place = rng.choice(HEADS) + rng.choice(TAILS)
    if rng.random() < 0.12:
        place = f"{rng.choice(QUALIFIERS)} {place}"
    return place


def _council(rng, nation):
    place = _place(rng, nation)
    if nation == "wales":
        _kind, pattern, prefix, (low, high) = rng.choices(WELSH_KINDS, weights=(5, 3, 2))[0]
        region = "wales"
    elif nation == "scotland":
        _kind, pattern, prefix, (low, high) = SCOTTISH_KIND
        region = "scotland"
    else:
        _kind, pattern, prefix, (low, high) = rng.choices(COUNCIL_KINDS, weights=COUNCIL_WEIGHTS)[0]
        region = rng.choice(ENGLISH_REGIONS)
        if _kind == "county" and not place.endswith(SHIRES):
            pattern = "{place} County Council"  # Bedfordshire, Warwickshire; but not Bramleyshire
    return {"name": pattern.format(place=place), "place": place, "kind": "council", "region": region,
            "prefix": prefix, "population": rng.randint(low, high)}


def _combined_authority(rng):
    place = f"{_place(rng, 'england')} and {_place(rng, 'england')}"
    return {"name": COMBINED_AUTHORITY.format(place=place), "place": place, "kind": "combined_authority",
            "region": rng.choice(ENGLISH_REGIONS), "prefix": "E47", "population": rng.randint(900_000, 2_900_000)}


def person_name(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def slug(text):
    """Lower-case ASCII letters and digits only: for email addresses and web addresses."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", ascii_text)
