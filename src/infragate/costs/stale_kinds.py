"""The kinds of spend that should not exist, with what each means, why it matters and what
to do: the metadata `costs stale` reports and `infragate explain STALE-<kind>` prints."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    outside_schedule = "outside_schedule"
    preview_past_ttl = "preview_past_ttl"
    retired_project = "retired_project"
    never_frozen = "never_frozen"
    unknown_project = "unknown_project"
    unknown_environment = "unknown_environment"


TITLES = {
    Kind.outside_schedule: "scheduled environment billing outside its schedule",
    Kind.preview_past_ttl: "preview copy past its TTL",
    Kind.retired_project: "retired project still billing",
    Kind.never_frozen: "project never frozen, billing",
    Kind.unknown_project: "project unknown to the store, billing",
    Kind.unknown_environment: "environment no baseline has, billing",
}


FIXES = {
    Kind.outside_schedule: "check the environment's scheduled actions (stop at 20:00, start at "
    "08:00 UTC, Mon–Fri) ran; 'infragate drift' compares what runs with the baseline",
    Kind.preview_past_ttl: "destroy the preview copy and check the pipeline's teardown job",
    Kind.retired_project: "destroy what the retired project still runs",
    Kind.never_frozen: "freeze a baseline for what runs (approve and freeze), or destroy it",
    Kind.unknown_project: "find the owner from the resources below; bring the project into "
    "infragate or destroy it",
    Kind.unknown_environment: "add the environment to the design through a change request, "
    "or destroy it",
}


# Why each is spend that should not exist (shown by `infragate explain STALE-<kind>`).
WHY = {
    Kind.outside_schedule: "A business-hours environment was priced for 260 hours a month; "
    "left running it bills 730, nearly three times its frame, and nobody notices because "
    "nothing breaks: the seed's staging that ran 24/7 for eight months.",
    Kind.preview_past_ttl: "A preview exists for one pull request and was priced for its "
    "TTL; a copy whose teardown failed bills until someone looks.",
    Kind.retired_project: "A retired project has no owner on call and no budget; whatever "
    "still bills after retirement is paid for nothing.",
    Kind.never_frozen: "Spend without a frozen baseline has no approved frame and no budget "
    "owner who agreed to it.",
    Kind.unknown_project: "Spend tagged with a project infragate does not know cannot be "
    "compared with any frame or charged to a team.",
    Kind.unknown_environment: "An environment no baseline has was built outside the design: "
    "no frame priced it and no one approved it.",
}
