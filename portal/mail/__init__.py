"""Email through an outbox: written with the change that causes it, delivered by a command."""

from .rules import enqueue

__all__ = ["enqueue"]
