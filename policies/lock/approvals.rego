# Every frozen baseline carries an approval from each approving role, given by an owner
# the brief names in that role, for the design that was frozen. Only lock files are
# judged (a plan has no approvals).
package infragate.lock.approvals

roles := {"infra_owner", "budget_owner"}

baseline := input.baseline if input.lock_version

approved(role) if {
	some a in baseline.approvals
	a.role == role
	a.design_sha256 == baseline.design_sha256
	some owner in baseline.brief.owners
	owner.email == a.email
	role in owner.roles
}

deny contains msg if {
	some role in roles
	not approved(role)
	msg := sprintf("%s v%d: no approval by the brief's %s for the frozen design", [baseline.project, baseline.version, role])
}
