"""Corpus storage (SQLite by default, PostgreSQL by URL). Not built yet: no code lives here."""
