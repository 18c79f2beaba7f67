"""The catalog: components, sizes, maturity policy, thresholds and templates, as versioned data."""
