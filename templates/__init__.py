"""Jinja2 long texts, one folder per language; installed as `bot.templates`."""
