"""The Costs page's SVG charts: well-formed XML, accessible, bars and lines drawn to scale
(read back from the markup), untrusted labels inert, amounts to the cent without floats, and
a chart that says so when there is nothing to draw."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

import pytest

from infragate.costs.spend import cents
from infragate.portal.charts import LABEL_WIDTH, Amount, Pair, estimate_vs_actual, waste_bars
from infragate.portal.spend_chart import (
    PLOT_BOTTOM,
    PLOT_TOP,
    MonthSpend,
    month_spend,
    nice_top,
    running_totals,
)
from infragate.portal.svg import usd

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & \x1b[31mred\u202e'
SHOWN_HOSTILE = '<script>alert("x")</script> & red'  # controls and bidi overrides removed
ONE_PX = Decimal("0.01")  # the geometry's rounding


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{SVG}svg"
    return root


def accessible(root: ET.Element) -> tuple[str, str]:
    """The chart's title and description, found through its aria-labelledby ids."""
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    title, desc = (by_id[i] for i in ids)
    assert title.tag == f"{SVG}title" and desc.tag == f"{SVG}desc"
    return title.text or "", desc.text or ""


def bars(root: ET.Element, kind: str) -> list[tuple[Decimal, Decimal, str]]:
    """(width, value, title text) of each bar of `kind`, in drawing order."""
    out = []
    for rect in root.iter(f"{SVG}rect"):
        if kind in (rect.get("class") or "").split():
            title = rect.find(f"{SVG}title")
            assert title is not None and title.text
            out.append(
                (Decimal(rect.get("width", "")), Decimal(rect.get("data-value", "")), title.text)
            )
    return out


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def assert_proportional(drawn: list[tuple[Decimal, Decimal, str]]) -> None:
    """Each bar's length over the longest equals its value over the largest (to the pixel
    rounding), read back from the markup alone."""
    longest = max(drawn, key=lambda b: b[1])
    assert longest[0] > 0
    for width, value, _ in drawn:
        expected = max(value, Decimal(0)) / longest[1] * longest[0]
        assert abs(width - expected) <= ONE_PX, (width, value)


PAIRS = [
    Pair("web", Decimal("1234.5"), Decimal("1500.125")),
    Pair("data", Decimal("300"), Decimal("0.1") + Decimal("0.2")),
    Pair("ops", Decimal("0"), Decimal("2999.995")),
]


def test_estimate_vs_actual_bars_are_to_scale_and_carry_their_values() -> None:
    root = parse(estimate_vs_actual("by-team", "Teams, 2026-12", PAIRS, what="team"))
    title, desc = accessible(root)
    assert title == "Teams, 2026-12"
    estimates, actuals = bars(root, "estimate"), bars(root, "actual")
    assert [v for _, v, _ in estimates] == [cents(p.estimate) for p in PAIRS]
    assert [v for _, v, _ in actuals] == [cents(p.actual) for p in PAIRS]
    # one scale for both series: the largest of all values draws the longest bar
    assert_proportional(estimates + actuals)
    assert max(w for w, _, _ in estimates + actuals) == max(w for w, _, _ in actuals)
    assert actuals[2][0] > estimates[0][0]
    assert estimates[2][0] == 0  # nothing expected: no bar, but its value is written
    # amounts to the cent, rounded half up from the decimals (a float would make 0.30000000000000004
    # and round 1500.125 down)
    shown = texts(root)
    assert "$1,500.13" in shown and "$0.30" in shown and "$3,000.00" in shown
    assert actuals[0][2] == "web actual: $1,500.13"
    assert "web estimate $1,234.50, actual $1,500.13" in desc
    # every group has its label
    labels = {g.get("data-label") for g in root.iter(f"{SVG}g")}
    assert labels == {"web", "data", "ops"}


def test_a_hostile_label_is_text_not_markup() -> None:
    svg = estimate_vs_actual("by-team", HOSTILE, [Pair(HOSTILE, Decimal(5), Decimal(7))])
    assert "<script" not in svg and "\x1b" not in svg and "\u202e" not in svg
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    title, desc = accessible(root)
    assert title == SHOWN_HOSTILE
    assert SHOWN_HOSTILE in desc
    group = next(root.iter(f"{SVG}g"))
    assert group.get("data-label") == SHOWN_HOSTILE
    assert bars(root, "actual")[0][2] == f"{SHOWN_HOSTILE} actual: $7.00"
    # the label column is shortened; the whole label is in the bar's <title>
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "bar-label")
    assert label.text is not None and label.text.endswith("…")
    assert SHOWN_HOSTILE.startswith(label.text[:-1])
    # waste bars: the currency is untrusted too
    waste = waste_bars("stale", "Stale", [Amount(HOSTILE, Decimal(3), currency="<b>")])
    assert "<b>" not in waste and "<script" not in waste
    assert "3.00 <b>" in texts(parse(waste))


def test_empty_data_gives_a_chart_that_says_so() -> None:
    for svg, says in (
        (estimate_vs_actual("by-team", "Teams", [], what="team"), "No team has"),
        (waste_bars("stale", "Stale spend", [], period="2026-12"), "No stale spend in 2026-12."),
        (
            month_spend(
                "spend",
                "Spend",
                MonthSpend(
                    "web",
                    date(2026, 12, 10),
                    running_totals([], date(2026, 12, 10)),
                    Decimal(0),
                    None,
                    Decimal(100),
                ),
            ),
            "No spend for web this month yet.",
        ),
    ):
        root = parse(svg)
        _, desc = accessible(root)
        assert says in desc
        assert any(says in t for t in texts(root))
        assert not bars(root, "bar") and root.find(f"{SVG}polyline") is None


def test_many_groups_draw_the_largest_and_say_how_many_are_left() -> None:
    rows = [Pair(f"p{i:02}", Decimal(i), Decimal(i * 2)) for i in range(1, 41)]
    root = parse(estimate_vs_actual("by-project", "Projects", rows, what="project", limit=30))
    drawn = [g.get("data-label") for g in root.iter(f"{SVG}g")]
    assert drawn == [f"p{i:02}" for i in range(11, 41)]  # in the order given
    assert any("10 more not drawn" in t for t in texts(root))
    assert_proportional(bars(root, "actual"))


def test_waste_bars_to_scale_with_their_currency() -> None:
    rows = [
        Amount("web/staging", Decimal("5123.456")),
        Amount("preview pr-4", Decimal("81.005")),
        Amount("eu/prod", Decimal("12"), currency="EUR"),
    ]
    root = parse(waste_bars("stale", "Stale spend", rows, period="2026-12"))
    drawn = bars(root, "waste")
    assert [v for _, v, _ in drawn] == [cents(r.value) for r in rows]
    assert_proportional(drawn)
    assert [t for _, _, t in drawn] == [
        "web/staging monthly waste: $5,123.46",
        "preview pr-4 monthly waste: $81.01",
        "eu/prod monthly waste: 12.00 EUR",
    ]
    rect = next(r for r in root.iter(f"{SVG}rect") if "waste" in (r.get("class") or ""))
    assert Decimal(rect.get("x", "")) == LABEL_WIDTH


def _line_y(value: Decimal, top: Decimal) -> Decimal:
    return Decimal(PLOT_BOTTOM) - value / top * (PLOT_BOTTOM - PLOT_TOP)


def test_month_spend_draws_month_to_date_budget_and_both_forecasts() -> None:
    as_of = date(2026, 12, 12)
    # spend grows each day; day 5 has none (a gap counts as nothing spent)
    daily = [
        (as_of.replace(day=d), Decimal("10.125") * d) for d in range(1, as_of.day + 1) if d != 5
    ]
    mtd = sum((v for _, v in daily), Decimal(0))
    linear = mtd / as_of.day * 31
    trend = linear * Decimal("1.4")
    budget = linear * Decimal("1.2")
    days = running_totals(daily, as_of)
    assert [p.day.day for p in days] == list(range(1, 13)) and days[4].spent == 0
    assert days[-1].to_date == mtd
    m = MonthSpend("web", as_of, days, linear, trend, budget, hard_limit=True)
    root = parse(month_spend("spend-web", "web: December", m))
    _, desc = accessible(root)
    assert f"{usd(mtd)} spent from 2026-12-01 to 2026-12-12" in desc
    assert f"budget {usd(budget)} (hard)" in desc

    top = nice_top(max(mtd, linear, trend, budget))
    assert top >= trend and top / 10 < trend
    circles = list(root.iter(f"{SVG}circle"))
    assert [c.get("data-day") for c in circles] == [
        str(as_of.replace(day=1) + timedelta(days=i)) for i in range(as_of.day)
    ]
    running = Decimal(0)
    by_day = dict(daily)
    for circle in circles:
        running += by_day.get(date.fromisoformat(circle.get("data-day", "")), Decimal(0))
        assert Decimal(circle.get("data-value", "")) == cents(running)
        assert abs(Decimal(circle.get("cy", "")) - _line_y(running, top)) <= ONE_PX
    assert (
        circles[4].find(f"{SVG}title").text
        == "2026-12-05: $0.00 that day, "
        + usd(  # type: ignore[union-attr]
            sum((v for d, v in daily if d.day < 5), Decimal(0))
        )
        + " month to date"
    )
    # the polyline goes through the same points
    points = (root.find(f"{SVG}polyline").get("points") or "").split()  # type: ignore[union-attr]
    assert points == [f"{c.get('cx')},{c.get('cy')}" for c in circles]

    lines = {(e.get("class") or ""): e for e in root.iter(f"{SVG}line")}
    assert Decimal(lines["budget"].get("data-value", "")) == cents(budget)
    assert abs(Decimal(lines["budget"].get("y1", "")) - _line_y(budget, top)) <= ONE_PX
    for name, value in (("forecast linear", linear), ("forecast trend", trend)):
        line = lines[name]
        assert Decimal(line.get("data-value", "")) == cents(value)
        # from today's month to date to the month-end figure
        assert (line.get("x1"), line.get("y1")) == (circles[-1].get("cx"), circles[-1].get("cy"))
        assert abs(Decimal(line.get("y2", "")) - _line_y(value, top)) <= ONE_PX
    ends = [t for t in texts(root) if t.startswith(("Budget", "Linear", "Trend"))]
    assert sorted(ends) == sorted(
        [f"Budget {usd(budget)}", f"Linear {usd(linear)}", f"Trend {usd(trend)}"]
    )


def test_month_spend_without_budget_or_trend() -> None:
    as_of = date(2026, 12, 1)
    days = running_totals([(as_of, Decimal("40"))], as_of)
    m = MonthSpend("one day", as_of, days, Decimal("1240"), None, None)
    root = parse(month_spend("spend-1", "one day", m))
    classes = {e.get("class") for e in root.iter(f"{SVG}line")}
    assert "budget" not in classes and "forecast trend" not in classes
    assert "forecast linear" in classes
    _, desc = accessible(root)
    assert "no budget" in desc


@pytest.mark.parametrize(
    ("value", "top"),
    [
        ("0", "1"),
        ("0.004", "0.005"),
        ("1", "1"),
        ("1234.5", "2000"),
        ("2001", "5000"),
        ("5001", "10000"),
    ],
)
def test_axis_top_is_one_two_or_five_times_a_power_of_ten(value: str, top: str) -> None:
    assert nice_top(Decimal(value)) == Decimal(top)


def test_chart_keys_are_checked() -> None:
    with pytest.raises(ValueError, match="chart key"):
        estimate_vs_actual('x" onload="alert(1)', "t", PAIRS)
