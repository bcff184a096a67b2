"""Decisions put to the members: motions, choices and elections, one member one vote."""
