"""Counting votes: pure Python, independent of the web app and its database.

Every count returns a result that records how it was reached, so that anyone holding
the same ballots reaches the same result (``recount`` needs nothing else).
"""

from .ranked import IRVResult, STVResult, irv, stv
from .simple import ApprovalResult, CumulativeResult, MotionResult, PluralityResult, approval, cumulative, motion, plurality

__all__ = [
    "ApprovalResult",
    "CumulativeResult",
    "IRVResult",
    "MotionResult",
    "PluralityResult",
    "STVResult",
    "approval",
    "cumulative",
    "irv",
    "motion",
    "plurality",
    "stv",
]
