"""bench/real_repos.py in parts: labels, materialising, running the audit, scoring, report."""
