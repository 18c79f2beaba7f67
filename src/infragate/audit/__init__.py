"""Audit: a read-only scan of an existing repository, judged for the product's maturity.

The edges (walker, external linters, draft writer) touch the filesystem; everything
between them (inventory, rules, judgement) works on an in-memory `Repo`.
"""
