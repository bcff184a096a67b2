"""Labs' tables, split by noun."""

from .labs import LAB_STATES, VALUES, BudgetLine, Lab, LabPhase, Partnership, ProgressUpdate
from .money import AwardPayment, Criterion, FundingRound
from .reviews import ReviewAssignment, Score
from .toolkit import CaseStudy, Resource

__all__ = [
    "LAB_STATES",
    "VALUES",
    "AwardPayment",
    "BudgetLine",
    "CaseStudy",
    "Criterion",
    "FundingRound",
    "Lab",
    "LabPhase",
    "Partnership",
    "ProgressUpdate",
    "Resource",
    "ReviewAssignment",
    "Score",
]
