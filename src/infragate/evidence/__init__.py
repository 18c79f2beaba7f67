"""Operational evidence recorded against a baseline: deploys, restore and alert tests,
who holds access, where the secrets live."""
