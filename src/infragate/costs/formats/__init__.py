"""The costs report in the terminal, Markdown, JSON and SARIF 2.1.0."""
