"""Turning gate reports and designs into text: terminal, Markdown, JSON, SARIF."""
