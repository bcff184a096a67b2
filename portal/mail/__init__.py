"""Email through an outbox: written with the change that causes it, delivered by a command."""

from .rules import decides_delivery, enqueue, handles_requests, request

__all__ = ["decides_delivery", "enqueue", "handles_requests", "request"]
