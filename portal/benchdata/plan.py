"""How much of each thing a scale asks for.

At scale 1: 1,000 members, 10,000 people, 300 labs with 6,000 tasks, 100,000 forum posts in
5,000 threads, 200 decisions with 100,000 ballots; each count is linear in the scale. Below
that, floors keep what the performance harness reads whatever the scale: a thread of 500
posts, a timeline of 200 tasks, a burst vote of at least 10 members, every decision method.
"""

from dataclasses import asdict, dataclass

AT_SCALE_ONE = {
    "members": 1_000, "people": 10_000, "labs": 300, "tasks": 6_000, "threads": 5_000, "posts": 100_000,
    "decisions": 200, "ballots": 100_000,
}
LONG_THREAD = 500  # posts in the thread the harness pages through
BIG_TIMELINE = 200  # tasks in the group timeline the harness draws
MIN_BURST = 10  # members in the open vote the harness casts ballots in
MIN_DECISIONS = 4  # a published STV election, the open burst vote, a motion with a choice, an approval vote
MIN_LAB_PARTNERS = 6  # the big lab's partners are other bench members


class BadScale(ValueError):
    """The scale is not a positive number."""


@dataclass(frozen=True)
class Plan:
    """The counts to write at one scale (ballots: at most this many, as rolls allow)."""

    scale: float
    members: int
    people: int
    labs: int
    tasks: int
    threads: int
    posts: int
    decisions: int
    ballots: int

    def as_dict(self):
        return asdict(self)


def plan_for(scale):
    """The counts for ``scale``: linear in it, and never below what the harness needs."""
    if not isinstance(scale, (int, float)) or not scale > 0:
        raise BadScale(scale)

    def linear(name):
        return round(AT_SCALE_ONE[name] * scale)

    members = max(linear("members"), MIN_BURST, MIN_LAB_PARTNERS + 1)
    labs = max(linear("labs"), 1)
    threads = max(linear("threads"), 2)
    return Plan(
        scale=scale,
        members=members,
        people=max(linear("people"), 2 * members),  # a representative and an officer at least
        labs=labs,
        tasks=max(linear("tasks"), BIG_TIMELINE + labs - 1),
        threads=threads,
        posts=max(linear("posts"), LONG_THREAD + threads - 1),
        decisions=max(linear("decisions"), MIN_DECISIONS),
        ballots=max(linear("ballots"), 1),
    )


def spread(rng, total, count, least=0):
    """``count`` sizes of at least ``least`` that add up to exactly ``total``, varied around the mean."""
    if count <= 0:
        return []
    weights = [rng.uniform(0.4, 1.6) for _ in range(count)]
    spare, whole = total - least * count, sum(weights)
    sizes = [least + int(spare * weight / whole) for weight in weights]
    for index in rng.sample(range(count), total - sum(sizes)):
        sizes[index] += 1
    return sizes
