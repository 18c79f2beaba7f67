# At production and scale, the prod environment's database runs in more than one
# availability zone, with point-in-time recovery and at least a week of backups.
package infragate.plan.database

import data.infragate.design.design

min_backup_days := 7

guarded if design.maturity in {"production", "scale"}

databases contains c if {
	some c in design.components
	c.environment == "prod"
	c.settings.engine
}

deny contains msg if {
	guarded
	some c in databases
	not c.multi_az
	msg := sprintf("%s: the prod database '%s' (%s) is not Multi-AZ at maturity %s", [design.project, c.id, c.settings.engine, design.maturity])
}

deny contains msg if {
	guarded
	some c in databases
	c.settings.point_in_time_recovery != "yes"
	msg := sprintf("%s: the prod database '%s' has no point-in-time recovery", [design.project, c.id])
}

deny contains msg if {
	guarded
	some c in databases
	to_number(c.settings.backup_retention_days) < min_backup_days
	msg := sprintf("%s: the prod database '%s' keeps backups %s day(s), fewer than %d", [design.project, c.id, c.settings.backup_retention_days, min_backup_days])
}
