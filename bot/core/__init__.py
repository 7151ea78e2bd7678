"""The platform-neutral domain core: models, services, conversation types, texts, outbox."""
