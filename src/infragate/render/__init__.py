"""Execution: infrastructure code rendered from a frozen baseline, and drift from it."""
