"""The append-only, hash-chained record of every change that matters to governance."""

from .rules import record, verify

__all__ = ["record", "verify"]
