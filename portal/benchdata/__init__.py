"""Bench data: a database filled with believable data at scale for the performance harness
(``flask portal bench-data --scale N``), on top of the demo network, with a manifest of the
pages, people and votes the harness uses.

One module per area writes its rows in bulk (members, people, labs, groups and their plans,
decisions and their ballots, the forum); ``load`` runs them in order and ``cli`` commits.
Nothing is imported here: the command is registered with every app, and its loaders are
needed only when it runs.
"""
