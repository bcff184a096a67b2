"""Pieces of the HTTP harness (bench/http_load.py)."""
