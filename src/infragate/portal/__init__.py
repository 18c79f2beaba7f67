"""The web portal (issue 16): the same core and store as the CLI, in a browser."""
