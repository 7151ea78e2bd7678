"""Platform adapters: translate updates into `Incoming` and `Reply` objects into sends."""
