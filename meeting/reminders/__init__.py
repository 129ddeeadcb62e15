"""Reminders: policies and their wording, keeping deliveries in line, dispatch, the clock."""
