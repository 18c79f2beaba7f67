"""Rules of every kind: small declarative units with a stable ID, registered explicitly."""
