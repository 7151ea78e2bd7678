"""Use cases: each takes a session and plain values and returns plain values."""
