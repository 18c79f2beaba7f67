"""Secrets committed to a repository: which literals are credentials, by what detector, how
sure, and never what value.

Why our own detectors and not detect-secrets (Yelp, PyPI 1.5.0, judged 2026-11-29): its full
scan took 24.7 s over this repository's 720 files (7.6 ms per KB; the whole audit takes
1.5 s), importing it costs 0.12-0.28 s (its plugin base imports `requests`), its settings are
process-global, and on the classes that made the audit cry wolf it reported what we must not
(placeholders such as `changethis`, `password = "password"`, `user:pass@localhost`, tokens in
`.mdx` documents, tests) while it missed `DB_PASSWORD=...` unquoted in a deploy script. What
it does well is kept here as ideas, with credit where they are used: its keyword list, its
templated/indirect-reference filters and its entropy limits.
"""

from infragate.audit.secrets.scanner import Candidate, candidates, scan

__all__ = ["Candidate", "candidates", "scan"]
