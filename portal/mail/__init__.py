"""Email through an outbox: written with the change that causes it, delivered by a command."""

from .rules import Later, decides_delivery, enqueue, handles_requests, makes_attachments, request

__all__ = ["Later", "decides_delivery", "enqueue", "handles_requests", "makes_attachments", "request"]
