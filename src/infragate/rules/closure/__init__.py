"""Closure rules, registered explicitly in ID order."""

from infragate.closure.model import ClosureRule
from infragate.rules.closure import (
    close001_lock_and_drift,
    close002_no_open_change,
    close003_waivers_in_force,
    close004_deployed,
    close005_alarms_and_health,
    close006_restore_test,
    close007_alert_test,
    close008_two_people_access,
    close009_secrets_inventory,
    close010_handover_pack,
    close011_cost_within_frame,
)

CLOSURE_RULES: tuple[ClosureRule, ...] = (
    close001_lock_and_drift.RULE,
    close002_no_open_change.RULE,
    close003_waivers_in_force.RULE,
    close004_deployed.RULE,
    close005_alarms_and_health.RULE,
    close006_restore_test.RULE,
    close007_alert_test.RULE,
    close008_two_people_access.RULE,
    close009_secrets_inventory.RULE,
    close010_handover_pack.RULE,
    close011_cost_within_frame.RULE,
)
