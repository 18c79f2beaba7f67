"""The figures a design is computed from: the brief's, or the maturity's defaults (reported)."""

from __future__ import annotations

from decimal import Decimal

from infragate.brief.model import Brief
from infragate.catalog.model import MaturityPolicy
from infragate.rules.sizing import Inputs


def effective_inputs(brief: Brief, policy: MaturityPolicy) -> Inputs:
    d = policy.defaults
    defaulted: list[str] = []

    def pick(name: str, given: object, default: object) -> object:
        if given is None:
            defaulted.append(name)
            return default
        return given

    users = pick("load.users", brief.load.users, d.users)
    peak = pick("load.peak_rps", brief.load.peak_rps, d.peak_rps)
    data = pick("load.data_gb", brief.load.data_gb, d.data_gb)
    growth = pick("load.growth_pct_month", brief.load.growth_pct_month, d.growth_pct_month)
    target = pick("availability.target", brief.availability.target, d.availability)
    crit = pick("data.criticality", brief.data.criticality, d.criticality)
    return Inputs(
        users=int(str(users)),
        peak_rps=Decimal(str(peak)),
        data_gb=Decimal(str(data)),
        growth_pct_month=Decimal(str(growth)),
        availability=Decimal(str(target)),
        criticality=str(crit),
        defaulted=tuple(defaulted),
    )
