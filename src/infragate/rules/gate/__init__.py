"""Gate rules, registered explicitly in ID order."""

from infragate.rules.base import GateRule
from infragate.rules.gate import (
    gate001_two_owners,
    gate002_infra_owner,
    gate003_budget_owner,
    gate004_separate_budget_owner,
    gate005_required_inputs,
    gate006_budget_positive,
    gate007_load_consistent,
    gate008_priced_region,
    gate009_known_overrides,
    gate010_personal_data_compliance,
    gate011_availability_fits_maturity,
    gate012_workload_consistent,
    gate013_data_residency,
    gate014_no_placeholders,
)

GATE_RULES: tuple[GateRule, ...] = (
    gate001_two_owners.RULE,
    gate002_infra_owner.RULE,
    gate003_budget_owner.RULE,
    gate004_separate_budget_owner.RULE,
    gate005_required_inputs.RULE,
    gate006_budget_positive.RULE,
    gate007_load_consistent.RULE,
    gate008_priced_region.RULE,
    gate009_known_overrides.RULE,
    gate010_personal_data_compliance.RULE,
    gate011_availability_fits_maturity.RULE,
    gate012_workload_consistent.RULE,
    gate013_data_residency.RULE,
    gate014_no_placeholders.RULE,
)
