# The design's monthly cost stays under the brief's budget, hard limit or not (infragate
# itself blocks only a hard limit).
package infragate.plan.budget

import data.infragate.design.design

deny contains msg if {
	design.cost.budget.monthly_usd != null
	to_number(design.cost.monthly_usd) > to_number(design.cost.budget.monthly_usd)
	msg := sprintf("%s: the design costs %s USD a month, over the brief's budget of %s USD", [design.project, design.cost.monthly_usd, design.cost.budget.monthly_usd])
}
