"""Clustering a corpus into stories and campaigns. Not built yet: no code lives here."""
