"""Nastavnik: a mentoring programme bot for Telegram and VK sharing one domain core."""
