"""Costs after go-live: FOCUS bills imported, attributed by infragate's tags, and compared
with the cost frame that was approved (issue 15)."""
