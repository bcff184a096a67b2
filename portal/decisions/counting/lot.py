"""Ties that the rules leave to lot, drawn reproducibly: the same seed draws the same lot."""

import hashlib


def draw(candidates, seed, context):
    """Choose one of ``candidates`` by lot, deterministically from ``seed`` and ``context``."""
    ordered = sorted(candidates, key=str)

    def ticket(candidate):
        return hashlib.sha256(f"{seed}|{context}|{candidate}".encode()).hexdigest()

    return min(ordered, key=ticket)
