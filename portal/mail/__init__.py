"""Email through an outbox: written with the change that causes it, delivered by a command."""

from .rules import enqueue, handles_requests, request

__all__ = ["enqueue", "handles_requests", "request"]
