"""`costs report` over a frozen project and a bill written from its own frame, on SQLite and
PostgreSQL: totals, the variance and the components that drive it, the unattributed share,
charge categories apart, a partial month, and the forecast against the budget."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from infragate.brief.model import Role
from infragate.closure.actuals import actual_cost
from infragate.costs import frames
from infragate.costs.formats.markdown import report_markdown
from infragate.costs.spend import cents
from infragate.errors import UsageError
from infragate.store.engine import Store
from tests.costs.bills import Row, daily, frame_rows, total
from tests.costs.conftest import frozen, import_bill, project_frames, report
from tests.lifecycle_helpers import ANN, BOB, CARA, Project

DECEMBER = [date(2026, 12, d) for d in range(1, 32)]
DRIVER = ("prod", "database")


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_a_month_over_the_frame_names_the_component_that_drives_it(
    tmp_path: Path, store: Store
) -> None:
    frame = frozen(tmp_path / "repo", store)
    assert DRIVER in frame.components
    tagged = frame_rows(frame, DECEMBER, {DRIVER: Decimal("1.5")})
    # spend nobody tagged: a fifth of the frame, on one hand-made instance
    loose = [
        Row(d, daily(frame.monthly_usd / 5, d), "arn:aws:ec2:i-0handmade", "Amazon EC2")
        for d in DECEMBER
    ]
    # tax and credits, as providers bill them: on no resource and with no tags
    tax = Row(DECEMBER[-1], cents(total(tagged) / 10), "", "Tax", category="Tax")
    credit = Row(DECEMBER[-1], -cents(total(tagged) / 20), "", "Credits", category="Credit")
    rows = import_bill(store, tmp_path / "dec.csv", [*tagged, *loose, tax, credit])

    r = report(store, project=frame.project)
    assert r.period == date(2026, 12, 1) and r.as_of == DECEMBER[-1]
    v = r.projects[0].variance
    assert len(v.days) == 31 and v.versions == (frame.version,)
    assert cents(v.expected) == frame.monthly_usd  # a whole month under one frame
    assert cents(v.effective) == cents(total(tagged)) == cents(v.billed)
    assert v.variance_pct == pct(total(tagged) - frame.monthly_usd, frame.monthly_usd)
    assert v.team == "web" and v.cost_center == "CC-2"  # from the brief
    assert [(d.environment, d.component) for d in v.drivers] == [DRIVER]
    database = frame.components[DRIVER].monthly_usd
    assert cents(v.drivers[0].expected) == database
    assert cents(v.drivers[0].effective) == cents(
        total(r for r in rows if "prod/database" in r.resource)
    )
    assert [f.rule.id for f in r.findings] == ["COST001"]
    assert "driven by prod/database (expected $" in r.findings[0].message
    assert r.exit_code == 0

    # the project's allocation: its environments, Tax and Credit as lines of their own
    a = r.allocation
    assert a.dimension == "environment"
    by_env = {g.key: g.running.effective for g in a.groups}
    for env in frame.environments:
        assert cents(by_env[env]) == cents(total(x for x in tagged if f"/{env}/" in x.resource))
    assert set(a.other) == set()  # tax and credit carry no project tag
    assert a.unattributed.effective == 0

    # the whole store: the untagged instance is unattributed, with its share and resource
    everything = report(store)
    a = everything.allocation
    running = total(tagged) + total(loose)
    assert cents(a.running.effective) == cents(running)
    assert cents(a.unattributed.effective) == cents(total(loose))
    assert a.unattributed.share_pct == pct(total(loose), running)
    assert [t.resource_id for t in a.unattributed.top] == ["arn:aws:ec2:i-0handmade"]
    assert a.other["Tax"].effective == tax.amount
    assert a.other["Credit"].effective == credit.amount
    assert cents(a.total.effective) == cents(running + tax.amount + credit.amount)
    # a fifth of the frame beside 1.17 frames is above the 10 % limit
    assert [f.rule.id for f in everything.findings] == ["COST001", "COST004"]
    assert "arn:aws:ec2:i-0handmade" in everything.findings[1].message


def test_within_tolerance_no_finding_and_a_partial_bill_is_no_underspend(
    tmp_path: Path, store: Store
) -> None:
    frame = frozen(tmp_path / "repo", store)
    first_twelve = DECEMBER[:12]
    rows = import_bill(store, tmp_path / "dec.csv", frame_rows(frame, first_twelve))
    r = report(store, project=frame.project)
    v = r.projects[0].variance
    assert v.days == tuple(first_twelve)
    assert cents(v.expected) == cents(frame.monthly_usd * 12 / 31)
    assert cents(v.effective) == cents(total(rows))
    assert not v.beyond and r.findings == ()
    # a tolerance of nothing at all still finds no variance in an exact bill
    assert report(store, project=frame.project, tolerance_pct=Decimal(0)).findings == ()


def test_spend_before_the_freeze_has_no_frame(tmp_path: Path, store: Store) -> None:
    frame = frozen(tmp_path / "repo", store)  # frozen on 2026-11-25
    november = [date(2026, 11, d) for d in range(20, 31)]
    rows = import_bill(store, tmp_path / "nov.csv", frame_rows(frame, november))
    v = report(store, project=frame.project, period="2026-11").projects[0].variance
    assert v.days[0] == frame.frozen_on and len(v.days) == 6
    before = [r for r in rows if r.day < frame.frozen_on]
    assert cents(v.unframed) == cents(total(before))
    assert cents(v.effective) == cents(total(rows) - total(before))
    assert not v.beyond
    before_text = "+$" + f"{cents(total(before)):,} before a baseline"
    assert before_text in report_markdown(report(store, project=frame.project, period="2026-11"))

    # December's bill corrects a November day: shown apart, not compared with December
    correction = Row(
        date(2026, 11, 28), daily(frame.monthly_usd, date(2026, 11, 28)), "arn:aws:rds:db",
        "RDS", {"project": frame.project, "environment": "prod"}, billed_in=DECEMBER[0],
    )  # fmt: skip
    december = import_bill(store, tmp_path / "dec.csv", [*frame_rows(frame, DECEMBER), correction])
    v = report(store, project=frame.project, period="2026-12").projects[0].variance
    assert v.elsewhere == correction.amount and v.unframed == 0
    assert cents(v.effective) == cents(total(december) - correction.amount)
    assert not v.beyond

    # January's first bill holds only an hour of December 31st: December is still the latest
    # period a bill reaches into, and January has nothing to compare yet
    hour = Row(DECEMBER[-1], correction.amount, "arn:aws:rds:db", "RDS",
               {"project": frame.project, "environment": "prod"}, billed_in=date(2027, 1, 1))  # fmt: skip
    import_bill(store, tmp_path / "jan.csv", [hour])
    assert report(store).period == date(2026, 12, 1)
    with pytest.raises(UsageError, match="--period 2027-01: its bill has no charges dated in it"):
        report(store, period="2027-01")


def _trend_independently(daily_spend: dict[date, Decimal], as_of: date) -> Fraction:
    """Least squares in exact fractions over the last 14 days, carried to month end."""
    window = [d for d in sorted(daily_spend) if as_of - timedelta(days=13) <= d <= as_of]
    xs = [Fraction(d.toordinal()) for d in window]
    ys = [Fraction(daily_spend[d]) for d in window]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    rest = Fraction(0)
    day = as_of + timedelta(days=1)
    while day.month == as_of.month:
        rest += max(Fraction(0), my + slope * (day.toordinal() - mx))
        day += timedelta(days=1)
    month_to_date = sum(
        (Fraction(v) for d, v in daily_spend.items() if d.month == as_of.month and d <= as_of),
        Fraction(0),
    )
    return month_to_date + rest


def test_forecast_linear_and_trend_cross_a_soft_budget(tmp_path: Path, store: Store) -> None:
    frame = frozen(tmp_path / "repo", store)
    assert frame.budget_usd is not None and not frame.hard_limit
    # January: spend grows each day, a fifth of the budget's daily share more every day
    january = [date(2027, 1, d) for d in range(1, 11)]
    per_day = frame.budget_usd / 31
    rows = [
        Row(d, (per_day * i / 5).quantize(Decimal("0.0001")), "arn:aws:ecs:svc", "ECS",
            {"project": frame.project, "environment": "prod", "component": "web"})
        for i, d in enumerate(january, start=1)
    ]  # fmt: skip
    import_bill(store, tmp_path / "jan.csv", rows)
    r = report(store, project=frame.project)
    f = r.projects[0].forecast
    assert f.as_of == january[-1] and f.days_elapsed == 10 and f.days_in_month == 31
    mtd = total(rows)
    assert f.month_to_date == mtd
    assert cents(f.linear) == cents(mtd / 10 * 31)
    expected_trend = _trend_independently({x.day: x.amount for x in rows}, january[-1])
    assert cents(f.trend) == cents(  # type: ignore[arg-type]
        Decimal(expected_trend.numerator) / Decimal(expected_trend.denominator)
    )
    assert f.trend_days == 10 and f.trend > f.linear  # type: ignore[operator]
    assert f.linear > frame.budget_usd > mtd
    assert [x.rule.id for x in r.findings if x.rule.id != "COST001"] == ["COST002"]
    assert r.exit_code == 0  # a soft budget warns

    # as of the 5th: the same data, cut there
    early = report(store, project=frame.project, as_of=january[4]).projects[0].forecast
    assert early.month_to_date == total(rows[:5])
    assert cents(early.linear) == cents(total(rows[:5]) / 5 * 31)


def test_hard_budget_exceeded_is_an_error(tmp_path: Path, store: Store) -> None:
    frame = frozen(tmp_path / "repo", store, budget={"monthly_usd": 3000, "hard_limit": True})
    assert frame.hard_limit and frame.budget_usd is not None
    days = DECEMBER[:25]
    rows = [
        Row(d, frame.budget_usd / 20, "arn:aws:rds:db", "RDS",
            {"project": frame.project, "environment": "prod", "component": "database"})
        for d in days
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", rows)
    r = report(store, project=frame.project)
    hard = [x for x in r.findings if x.rule.id == "COST003"]
    assert len(hard) == 1 and r.exit_code == 1
    assert f"exceeds the hard budget of ${frame.budget_usd:,}" in hard[0].message
    # before it was crossed (day 20 is exactly the budget): a forecast warning only
    r = report(store, project=frame.project, as_of=days[19])
    assert r.projects[0].forecast.month_to_date == frame.budget_usd
    v = r.projects[0].variance  # the variance is cut at the same day
    assert len(v.days) == 20 and v.effective == frame.budget_usd and v.unframed == 0
    assert "COST003" not in {x.rule.id for x in r.findings} and r.exit_code == 0
    assert "COST002" in {x.rule.id for x in r.findings}


def test_usage_errors_name_what_exists(tmp_path: Path, store: Store) -> None:
    frame = frozen(tmp_path / "repo", store)
    with pytest.raises(UsageError, match="no bills are imported"):
        report(store)
    import_bill(store, tmp_path / "dec.csv", frame_rows(frame, DECEMBER[:3]))
    with pytest.raises(UsageError, match=f"not in the store \\(projects: {frame.project}\\)"):
        report(store, project="nope")
    with pytest.raises(UsageError, match="no bill for it; imported: 2026-12"):
        report(store, period="2026-10")
    assert set(project_frames(store)) == {frame.project}
    assert frames.days_of_month(date(2026, 12, 1)) == DECEMBER


def test_project_spend_without_an_environment_is_unattributed_and_unplanned(
    tmp_path: Path, store: Store
) -> None:
    frame = frozen(tmp_path / "repo", store)
    planned = frame_rows(frame, DECEMBER)
    # a bucket someone made by hand: the project's tag, no environment; a fifth of the frame
    bucket = [
        Row(d, daily(frame.monthly_usd / 5, d), "arn:aws:s3:::handmade", "Amazon S3",
            {"user:project": frame.project})
        for d in DECEMBER
    ]  # fmt: skip
    import_bill(store, tmp_path / "dec.csv", [*planned, *bucket])
    r = report(store, project=frame.project)
    loose = r.allocation.unattributed
    assert cents(loose.effective) == cents(total(bucket))
    assert loose.share_pct == pct(total(bucket), total(planned) + total(bucket))
    assert [t.resource_id for t in loose.top] == ["arn:aws:s3:::handmade"]
    assert {g.key for g in r.allocation.groups} == {*frame.environments, None}
    v = r.projects[0].variance
    assert [(d.environment, d.component, d.expected) for d in v.drivers] == [
        ("(no environment tag)", "(no component tag)", Decimal(0))
    ]
    assert [f.rule.id for f in r.findings] == ["COST001", "COST004"]


def test_a_month_under_two_baselines_expects_each_frame_pro_rata(
    tmp_path: Path, store: Store
) -> None:
    first = frozen(tmp_path / "repo", store)  # v1 frozen 2026-11-25
    p = Project(tmp_path / "repo", store, patch=None)  # the same repository, a new clock
    p.minutes = 100
    p.edit_brief("peak_rps: 40", "peak_rps: 160")
    p.propose(CARA, "launch campaign")
    p.approve_change(Role.infra_owner, ANN)
    p.approve_change(Role.budget_owner, BOB)
    p.freeze(days=20)  # v2 frozen 2026-12-15
    second = project_frames(store)[first.project].latest
    assert second is not None and second.frozen_on == date(2026, 12, 15)
    assert second.monthly_usd != first.monthly_usd
    before, after = DECEMBER[:14], DECEMBER[14:]
    rows = import_bill(
        store, tmp_path / "dec.csv", [*frame_rows(first, before), *frame_rows(second, after)]
    )
    v = report(store, project=first.project).projects[0].variance
    assert v.versions == (1, 2) and len(v.days) == 31
    assert cents(v.expected) == cents(first.monthly_usd * 14 / 31 + second.monthly_usd * 17 / 31)
    assert cents(v.effective) == cents(total(rows))
    assert not v.beyond
    # CLOSE011 judges v2 on a month billed under v2 alone: December is not one
    with store.read() as conn:
        actual = actual_cost(conn, first.project, 2)
    assert actual.monthly_usd is None and "no complete billing period" in str(actual.why)
