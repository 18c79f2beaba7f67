"""Who is asking and whether they may: accounts, sessions, CSRF, security headers."""
