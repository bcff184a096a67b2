"""Pieces of the HTTP harness (bench/http_load.py)."""

# Where bench/support/floor.py serves the signed-in floor; here so that the harness can name
# it without importing that module, which makes the app.
FLOOR_PATH = "/bench/floor"
