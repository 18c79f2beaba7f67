"""The handover pack: what a third party needs to run and change the infrastructure,
generated from the lock file, the trail and the evidence (never from the brief)."""
