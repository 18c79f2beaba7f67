"""Right-sizing rules, registered explicitly; order matters: later rules see earlier decisions."""

from infragate.rules.rightsizing import (
    rs001_compute_containers,
    rs002_compute_multi_az,
    rs003_database_managed,
    rs004_database_multi_az,
    rs005_point_in_time_recovery,
    rs006_cache_replica,
    rs007_staging_environment,
    rs008_preview_environments,
    rs009_nat_gateway,
    rs010_centralised_logs,
    rs011_metrics_alarms,
    rs012_nat_per_zone,
)
from infragate.rules.sizing import SizingRule

SIZING_RULES: tuple[SizingRule, ...] = (
    rs001_compute_containers.RULE,
    rs002_compute_multi_az.RULE,
    rs003_database_managed.RULE,
    rs004_database_multi_az.RULE,
    rs005_point_in_time_recovery.RULE,
    rs006_cache_replica.RULE,
    rs007_staging_environment.RULE,
    rs008_preview_environments.RULE,
    rs009_nat_gateway.RULE,
    rs010_centralised_logs.RULE,
    rs011_metrics_alarms.RULE,
    rs012_nat_per_zone.RULE,
)
