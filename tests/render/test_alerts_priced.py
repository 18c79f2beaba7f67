"""The alarms render/alerts.py makes are the alarms design/cost.py prices: one count per
component kind, held to the same numbers here for every example and template."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from infragate.catalog.loader import load_catalog
from infragate.design.cost import ALARMS_PER_KIND
from infragate.render.alerts import alerts
from tests.render.terraform_harness import SUBJECTS, template_brief
from tests.render_helpers import EXAMPLES, ROOT, baseline_of, freeze_brief


@pytest.mark.parametrize("name", [*EXAMPLES, *(s for s in SUBJECTS if "@" in s)])
def test_rendered_alarms_are_the_priced_alarms(name: str, tmp_path: Path) -> None:
    if "@" in name:
        template, maturity = name.split("@")
        source = template_brief(template, maturity, tmp_path)
    else:
        source = ROOT / "examples" / name / "infra" / "brief.yaml"
    baseline = baseline_of(freeze_brief(source, tmp_path / "project"))
    priced_per_env = load_catalog().usage.alarms
    for env in baseline.environments:
        rendered = alerts(baseline, env)
        if not env.has("metrics"):
            assert rendered == []
            continue
        per_kind = Counter(env.get(a.component).kind for a in rendered)
        targets = sum(ALARMS_PER_KIND.get(c.kind, 0) for c in env.components)
        assert len(rendered) == min(priced_per_env.get(env.name, 0), targets), env.name
        if len(rendered) == targets:  # every target alarmed: the per-kind counts must agree
            expected = Counter(
                {
                    c.kind: ALARMS_PER_KIND[c.kind]
                    for c in env.components
                    if c.kind in ALARMS_PER_KIND
                }
            )
            kinds = Counter(c.kind for c in env.components)
            assert per_kind == Counter({k: n * kinds[k] for k, n in expected.items()}), env.name
