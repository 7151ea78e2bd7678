"""Periodic work: APScheduler only ticks; what to send lives in the database (the outbox)."""
