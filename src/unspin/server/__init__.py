"""REST API and web UI (``unspin serve``). Not built yet: no code lives here."""
