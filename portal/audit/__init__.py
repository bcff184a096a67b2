"""The append-only, hash-chained record of every change that matters to governance."""

from .rules import SYSTEM, record, verify

__all__ = ["SYSTEM", "record", "verify"]
