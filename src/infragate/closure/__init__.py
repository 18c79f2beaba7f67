"""The closure gate: evidence that the infrastructure runs, checked before a project is
handed over to maintenance."""
