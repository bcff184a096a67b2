"""Shared pieces: page layout, error pages, security headers, health check and form helpers."""
