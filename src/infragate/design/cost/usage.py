"""Monthly usage figures derived from the brief, shared by every usage-priced line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from infragate.catalog.model import Catalog
from infragate.design.cost.line import CENT, KB_PER_GB, SECONDS_PER_MONTH
from infragate.rules.sizing import Inputs


@dataclass(frozen=True)
class Usage:
    """Monthly usage figures derived from the brief, shared by every usage-priced line."""

    average_rps: Decimal
    monthly_requests: Decimal
    egress_gb: Decimal
    egress_note: str
    object_gb: Decimal


def usage(
    inputs: Inputs, catalog: Catalog, egress_gb: Decimal | None, object_gb: Decimal | None
) -> Usage:
    avg = inputs.peak_rps * catalog.capacity.average_to_peak
    requests = avg * SECONDS_PER_MONTH
    if egress_gb is None:
        egress = (requests * catalog.usage.response_kb / KB_PER_GB).quantize(CENT)
        note = (
            f"{requests:,.0f} requests × {catalog.usage.response_kb} KB per response "
            f"(average {avg} rps = {catalog.capacity.average_to_peak} × peak)"
        )
    else:
        egress, note = egress_gb, "as given in the brief (load.egress_gb_month)"
    return Usage(
        avg, requests, egress, note, object_gb if object_gb is not None else inputs.data_gb
    )
