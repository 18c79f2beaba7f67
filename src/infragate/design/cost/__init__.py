"""The cost frame (see frame.py), split by concern; this package's public names."""

from infragate.design.cost.frame import ALARMS_PER_KIND, PRICERS, price, total
from infragate.design.cost.line import Line, money
from infragate.design.cost.usage import Usage, usage

__all__ = ["ALARMS_PER_KIND", "PRICERS", "Line", "Usage", "money", "price", "total", "usage"]
