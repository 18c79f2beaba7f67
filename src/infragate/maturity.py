"""The product's maturity stage: what the brief declares and what the audit judges by.

Its own module, free of pydantic, so that an audit without a brief starts fast.
"""

from __future__ import annotations

from enum import StrEnum


class Maturity(StrEnum):
    prototype = "prototype"
    mvp = "mvp"
    production = "production"
    scale = "scale"

    @property
    def rank(self) -> int:
        return list(Maturity).index(self)

    def at_least(self, other: Maturity) -> bool:
        return self.rank >= other.rank
