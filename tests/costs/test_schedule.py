"""The business-hours window the cost import judges spend by is the one render schedules."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from infragate.costs import schedule

TEMPLATE = (
    Path(__file__).parents[2]
    / "src/infragate/render/templates/infra/terraform/envs/__env__/main.tf.j2"
)


def test_the_window_is_the_rendered_schedule() -> None:
    text = TEMPLATE.read_text()
    start = re.search(r'start\s*=\s*"cron\(0 (\d+) \? \* (\w+)-(\w+) \*\)"', text)
    stop = re.search(r'stop\s*=\s*"cron\(0 (\d+) \? \* (\w+)-(\w+) \*\)"', text)
    assert start and stop
    assert int(start.group(1)) == schedule.START_HOUR
    assert int(stop.group(1)) == schedule.STOP_HOUR
    assert (start.group(2), start.group(3)) == ("MON", "FRI")
    assert 'timezone = "UTC"' in text


def test_sixty_hours_a_week_are_inside() -> None:
    monday = datetime(2026, 11, 2, tzinfo=UTC)
    hours = [monday + timedelta(hours=h) for h in range(24 * 7)]
    assert sum(schedule.in_window(h) for h in hours) == 12 * 5
    assert not schedule.in_window(monday + timedelta(days=5, hours=10))  # Saturday
    assert schedule.in_window(monday + timedelta(hours=8))
    assert not schedule.in_window(monday + timedelta(hours=20))
