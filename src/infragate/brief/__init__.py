"""The brief: the formal input that says what must be built (`infra/brief.yaml`)."""
