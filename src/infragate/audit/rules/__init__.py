"""Audit rules, registered explicitly in ID order (no import side effects)."""

from infragate.audit.rules import (
    aud001_no_container_image,
    aud002_no_local_orchestration,
    aud003_sqlite_in_production,
    aud004_no_ci,
    aud005_ci_without_cd,
    aud006_manual_deploy,
    aud007_ci_sleep_wait,
    aud008_local_file_logging,
    aud009_no_health_endpoint,
    aud010_no_backup,
    aud011_no_metrics,
    aud012_script_syntax_error,
    aud013_script_unguarded_exit,
    aud014_script_destructive_step,
    aud015_script_requires_root,
    aud016_missing_file_reference,
    aud017_undefined_variable,
    aud018_conflicting_workflows,
    aud019_conflicting_docs,
    aud020_mixed_iac_tools,
    aud021_untagged_resources,
    aud022_secret_in_repository,
    aud023_env_file_committed,
    aud024_shallow_health_check,
)
from infragate.audit.rules.base import AuditRule

AUDIT_RULES: tuple[AuditRule, ...] = (
    aud001_no_container_image.RULE,
    aud002_no_local_orchestration.RULE,
    aud003_sqlite_in_production.RULE,
    aud004_no_ci.RULE,
    aud005_ci_without_cd.RULE,
    aud006_manual_deploy.RULE,
    aud007_ci_sleep_wait.RULE,
    aud008_local_file_logging.RULE,
    aud009_no_health_endpoint.RULE,
    aud010_no_backup.RULE,
    aud011_no_metrics.RULE,
    aud012_script_syntax_error.RULE,
    aud013_script_unguarded_exit.RULE,
    aud014_script_destructive_step.RULE,
    aud015_script_requires_root.RULE,
    aud016_missing_file_reference.RULE,
    aud017_undefined_variable.RULE,
    aud018_conflicting_workflows.RULE,
    aud019_conflicting_docs.RULE,
    aud020_mixed_iac_tools.RULE,
    aud021_untagged_resources.RULE,
    aud022_secret_in_repository.RULE,
    aud023_env_file_committed.RULE,
    aud024_shallow_health_check.RULE,
)

BY_ID = {r.id: r for r in AUDIT_RULES}
BY_SLUG = {r.slug: r for r in AUDIT_RULES}
