"""What bench people write: forum posts, labs' proposals and reports, tasks, risks, decisions.

Sentences are drawn from banks about the network's own subjects (community wealth building,
co-operative development, procurement, energy, care, housing), so pages and searches read
like the real thing. A rare phrase (``RARE``) appears in about one post in a thousand (and always in
the middle of the long thread), for searches that should find a handful; ``COMMON``
appears in a large share of them.
"""

RARE = "Toad Lane"  # the Rochdale Pioneers' first shop, 1844
COMMON = "procurement"

THEMES = (
    "community wealth building", "co-operative placemaking", "social value in procurement", "community energy",
    "care co-operatives", "community land trusts", "worker buy-outs", "digital inclusion", "food co-operatives",
    "credit unions", "community-owned pubs", "housing co-operatives", "anchor institutions", "local supply chains",
)
OPENINGS = (
    "We are about to start work on {theme} and would value the network's experience.",
    "Has anyone tried {theme} in a district with a small officer team?",
    "Our cabinet has asked for a paper on {theme} by the spring.",
    "Sharing a short note on what we learnt from two years of {theme}.",
    "Looking for a partner council for a Policy Lab proposal on {theme}.",
    "A question for anyone who has written {theme} into their corporate plan.",
    "We held a workshop on {theme} last month and promised to report back here.",
)
SENTENCES = (
    "The hardest part was not the policy but keeping the officers who understood it.",
    "We set aside a small budget for a community organiser before any consultation began, and it paid for itself.",
    "Our anchor institutions agreed to publish their spend by postcode, which changed the conversation.",
    "Local procurement rules allowed more than we thought once legal services read them with us.",
    "We weighted social value at 20% on contracts over £500,000 and suppliers adjusted within a year.",
    "The credit union now runs a payroll savings scheme for three of the largest employers in the borough.",
    "Two of the pilots did not work, and the write-up says why, which is the most useful part.",
    "A co-operative development agency gave six months of support to each new enterprise.",
    "Members of the steering group met monthly for the first three months, then every two months.",
    "Councillors wanted quick wins, so we started with a community-owned pub and a food hub.",
    "Community shares raised £340,000 in eight weeks, mostly in amounts under £500.",
    "We mapped every co-operative and social enterprise in the area and found twice as many as expected.",
    "The procurement team now holds a meet-the-buyer day twice a year for local co-operatives.",
    "Care workers who became members of the co-operative stayed much longer than agency staff.",
    "The solar panels on the leisure centre were the easiest part; the lease took eleven months.",
    "We would start with the finance director next time, not the economic development team.",
    "The toolkit from the seed lab saved us a great deal of time on the case study template.",
    "Residents on the estate chose the name of the co-operative themselves, which mattered more than we thought.",
    "We are still working out how to count the social value of a democratic business in our framework.",
    "The combined authority's procurement framework now asks every bidder about ownership and governance.",
    "A worker buy-out kept forty jobs in the town when the founder retired.",
    "We asked the university to evaluate the pilot, which helped when the budget came round again.",
    "Most of the money went on officer time, which is the part funders least like to pay for.",
    "Our legal team has a standard lease now for community groups taking on council buildings.",
    "Welsh and English versions of every leaflet doubled the response in the community council areas.",
    "The community land trust has planning permission for twenty-four homes at a third of market rent.",
)
REPLIES = (
    "Thank you, this is really helpful.", "Same experience here.", "We found something similar.",
    "Could you share the document you mention?", "Good question, and one we are still asking ourselves.",
    "Agree with all of that.", "Diolch, very useful.", "Picking up on the point about officer time:",
    "A slightly different view from our side:", "Happy to talk this through at the next network meeting.",
)
ASIDES = (
    "The case study is in the toolkit if anyone wants the detail.",
    "I will bring the figures to the next steering group meeting.",
    "Happy to put anyone in touch with our procurement lead.",
    "We wrote it up for the members' briefing in the autumn.",
)
RARE_ASIDE = "The Rochdale Pioneers opened their shop on " + RARE + " with less than we have, which I keep reminding cabinet of."
BULLETS = (
    "- a named officer with time set aside\n- a budget for the organiser\n- a decision on land before the launch",
    "- publish the scoring guide with the tender\n- keep lots small enough for local firms\n- report spend by postcode",
    "- start with the anchors who already buy locally\n- agree a shared measure\n- review after six months",
)

THREAD_TITLES = (
    "{Theme}: where do we start?", "{Theme} in a two-tier area", "Evaluating {theme}: what do funders want to see?",
    "{Theme}: officer time and budgets", "Lessons from our {theme} pilot", "{Theme} and the new procurement rules",
    "Has anyone costed {theme}?", "{Theme}: councillor briefings", "Case studies wanted: {theme}",
    "{Theme} with a small team", "{Theme}: working with the voluntary sector",
)
GROUP_THREAD_TITLES = (
    "Agenda for the next steering group meeting", "Draft case study for comment", "Budget update and the next claim",
    "Actions from the last meeting", "Workshop dates: please reply by Friday", "Risks to review this month",
    "Draft report: chapter comments", "Pilot site visit arrangements",
)
ANNOUNCEMENTS = (
    "The network's annual conference: booking is open", "Funding round now open for Policy Lab proposals",
    "Subscriptions for the new membership year", "Results of the executive committee election",
    "New members this quarter", "The secretariat's office will be closed over the holidays",
)


def post_body(rng, first=False):
    """A post of two to six sentences, sometimes with a list or a quotation; the opening post asks."""
    theme = rng.choice(THEMES)
    parts = [rng.choice(OPENINGS).format(theme=theme)] if first else [rng.choice(REPLIES)]
    parts += rng.sample(SENTENCES, rng.randint(1, 4))
    text = " ".join(parts)
    roll = rng.random()
    if roll < 0.08:
        text += "\n\nWhat worked for us:\n\n" + rng.choice(BULLETS)
    elif roll < 0.12:
        text = f"> {rng.choice(SENTENCES)}\n\n{text}"
    if rng.random() < 0.001:
        text += "\n\n" + RARE_ASIDE
    elif rng.random() < 0.2:
        text += "\n\n" + rng.choice(ASIDES)
    if first and rng.random() < 0.3:
        text += f"\n\nWe are particularly interested in {COMMON} and officer time."
    return text


def thread_title(rng):
    theme = rng.choice(THEMES)
    return rng.choice(THREAD_TITLES).format(theme=theme, Theme=theme[0].upper() + theme[1:])


LAB_TITLES = (
    "Community energy co-operatives on council estates", "Care co-operatives for home care", "Worker buy-outs in market towns",
    "Community land trusts on surplus council land", "Social value measures for democratic business",
    "Food co-operatives and the school meals contract", "Credit unions and the anchor institutions",
    "Co-operative placemaking on the high street", "Community-owned pubs and shops", "Digital inclusion through co-operatives",
    "Mapping the co-operative economy", "Youth enterprise co-operatives", "Housing co-operatives for key workers",
    "Co-operative childcare", "Local supply chains for the NHS anchor", "Community shares for regeneration",
)
LAB_CHALLENGES = (
    "Councils want to keep more of their spending in the local economy, but few suppliers are locally owned.",
    "Residents want a say in what happens to land and buildings the council no longer needs.",
    "Care providers struggle to recruit and keep staff, and turnover is over 30% a year.",
    "Businesses whose founders retire are often sold to buyers who move the jobs away.",
)
LAB_APPROACHES = (
    "A steering group of the partners meets monthly, then every two months; each partner runs a test-and-learn pilot, "
    "and the lab shares what it learns in workshops, a report and the toolkit.",
    "The partners map what exists, choose two pilots, test them for six months and write up the results for the toolkit.",
)
LAB_OUTPUTS = "Case studies, a toolkit for councils, two workshops and a report."
LAB_RISKS = (
    "Officer time may be diverted to other priorities. Mitigation: each partner names an officer with time set aside.",
    "Pilots may start late if legal agreements take longer than planned. Mitigation: agree templates in the first month.",
)
COMPLETION = (
    "The pilots showed that the model works where the council commits officer time for at least a year. The case "
    "studies and templates are in the toolkit, and two further councils have started similar work."
)
UPDATES = (
    "The steering group has agreed the plan and the pilots. Case studies are being collected from partners.",
    "Both pilots are under way; the first workshop is booked and the evaluation partner is in place.",
    "A first draft of the toolkit has been shared with partners for comment.",
    "The second claim has been submitted; the pilot in the second site started a month late.",
    "The final workshop was attended by officers from fourteen councils.",
)

TASK_WORK = (
    "Collate case studies", "Map existing co-operatives", "Interview anchor institutions", "Agree the pilot's scope",
    "Recruit the community organiser", "Legal review of the lease", "Draft the procurement guidance", "Plan the workshop",
    "Run the workshop", "Evaluate the pilot", "Write the case study", "Develop the toolkit", "Write the report",
    "Develop the communications plan", "Publish the toolkit", "Residents' meeting", "Baseline survey",
    "Shortlist suppliers", "Business support sessions", "Share learning with the network", "Board training",
    "Community share offer", "Feasibility study", "Site visits", "Councillor briefing",
)
RISKS = (
    ("Officer time", "The pilot depends on one officer in each partner council.", "Name a deputy in each council."),
    ("Pilot starts late", "Legal agreements for the pilot sites may take longer than planned.", "Agree template agreements in the first month."),
    ("Low take-up", "Residents and businesses may not come forward.", "Work through the community organisations they already trust."),
    ("Budget pressure", "Partners' budgets may be cut mid-year.", "Keep the match funding in kind where possible."),
    ("Evaluation data", "Partners may not collect the same measures.", "Agree the measures and a shared form at the start."),
    ("Key person leaves", "The lead officer may move on before the report.", "Keep the plan and notes in the group's documents."),
)

# (title in English, title in Welsh, the question) for each kind of decision; {year} is the
# year voting opens, {seats} the places to fill.
MOTIONS = (
    ("Annual report and accounts {year}", "Adroddiad a chyfrifon blynyddol {year}",
     "That the network adopts the annual report and accounts for {year}.", "simple_majority"),
    ("The Co-operative Procurement Charter", "Y Siarter Caffael Cydweithredol",
     "That the network endorses the Co-operative Procurement Charter.", "simple_majority"),
    ("Subscription rates for {year}", "Cyfraddau tanysgrifio {year}",
     "That the subscription rates for {year} are as proposed.", "two_thirds"),
    ("A Welsh regional seat on the Executive Committee", "",
     "That the constitution is amended to create a Welsh regional seat on the Executive Committee.", "two_thirds"),
    ("Response to the consultation on social value", "",
     "That the network responds to the government's consultation on social value as drafted.", "simple_majority"),
)
CHOICES = (
    ("Venue for the {year} annual conference", "Lleoliad cynhadledd flynyddol {year}", "Where should the {year} annual conference be held?"),
    ("The work programme's research partner", "", "Which research partner should evaluate the work programme?"),
)
PRIORITIES = ("Work programme {year}: the network's priorities", "Rhaglen waith {year}: blaenoriaethau'r rhwydwaith",
              "Which themes should the network work on?")
ELECTIONS = (
    ("Election of the network's chair, {year}", "Ethol cadeirydd y rhwydwaith, {year}", "Elect the chair"),
    ("Election to the Executive Committee, {year}", "Etholiad i'r Pwyllgor Gwaith, {year}", "Elect {seats} members of the Executive Committee"),
    ("Election to the Values and Principles Board, {year}", "", "Elect {seats} members of the board"),
)
VENUES = ("Manchester", "Cardiff", "Glasgow", "Bristol", "Leeds", "Plymouth", "Newcastle", "Swansea", "Norwich")
EVALUATORS = ("Co-operatives UK", "The Centre for Local Economic Strategies", "A university partner", "The New Economics Foundation")
