"""Source tracing of an article against a stored corpus. Not built yet: no code lives here."""
