"""Fluent strings, one folder per language; installed as `bot.locales`."""
