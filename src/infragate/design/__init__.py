"""The design: a pure function of (brief, catalog, pricing)."""
