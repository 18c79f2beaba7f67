"""CEO dashboard infrastructure: one Lambda Labs host (k3s runs on it), DNS, backups.

The Kubernetes objects on the host are not managed here: see k8s/ and
docs/INFRASTRUCTURE.md.
"""

import pulumi
import pulumi_aws as aws

from lambda_labs import LambdaInstance

config = pulumi.Config()
stack = pulumi.get_stack()
tags = {
    "project": "ceo-dashboard",
    "environment": stack,
    "owner": "priya@example.com",
    "cost-center": "CC-0007",
    "managed-by": "pulumi",
}

host = LambdaInstance(
    f"ceo-dashboard-{stack}",
    region=config.require("region"),
    instance_type=config.require("instanceType"),
    ssh_key_name=config.require("sshKeyName"),
)

record = aws.route53.Record(
    "dashboard",
    zone_id=config.require("hostedZoneId"),
    name=config.require("domain"),
    type="A",
    ttl=300,
    records=[host.ip],
)

backups = aws.s3.BucketV2("backups", bucket_prefix="ceo-dashboard-backups-", tags=tags)

aws.s3.BucketVersioningV2(
    "backups-versioning",
    bucket=backups.id,
    versioning_configuration=aws.s3.BucketVersioningV2VersioningConfigurationArgs(
        status="Enabled"
    ),
)

aws.s3.BucketLifecycleConfigurationV2(
    "backups-lifecycle",
    bucket=backups.id,
    rules=[
        aws.s3.BucketLifecycleConfigurationV2RuleArgs(
            id="expire-old-dumps",
            status="Enabled",
            expiration=aws.s3.BucketLifecycleConfigurationV2RuleExpirationArgs(days=35),
        )
    ],
)

backup_writer = aws.iam.User("backup-writer", tags=tags)

aws.iam.UserPolicy(
    "backup-writer-put",
    user=backup_writer.name,
    policy=backups.arn.apply(
        lambda arn: pulumi.Output.json_dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": f"{arn}/*"}
                ],
            }
        )
    ),
)

pulumi.export("instance_ip", host.ip)
pulumi.export("dashboard_fqdn", record.fqdn)
pulumi.export("backup_bucket", backups.bucket)
