"""Helpers that know nothing of meetings: zones, caches, uploads, Markdown, mail, template filters."""
