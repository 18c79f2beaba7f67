# No waiver in a frozen baseline expires within `warn_days` days (or has expired): the
# blocker it holds back is about to come back. Set data.infragate.waiver_days to change
# the window, and data.infragate.today (YYYY-MM-DD) to judge as of another day.
package infragate.lock.waivers

default warn_days := 14

warn_days := data.infragate.waiver_days

today_ns := time.parse_ns("2006-01-02", data.infragate.today)

today_ns := time.now_ns() if not data.infragate.today

day_ns := ((24 * 60) * 60) * 1000000000

deny contains msg if {
	input.lock_version
	some w in input.baseline.waivers
	left := (time.parse_ns("2006-01-02", w.expires_on) - today_ns) / day_ns
	left < warn_days
	msg := sprintf("%s v%d: the waiver of %s (by %s) expires on %s, within %d days", [input.baseline.project, input.baseline.version, w.key, w.approver_email, w.expires_on, warn_days])
}
