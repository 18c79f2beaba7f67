"""The memo of values derived from immutable content: computed once, None never kept,
bounded."""

from __future__ import annotations

from infragate import memo


def test_a_value_is_made_once_none_is_not_kept_and_the_oldest_goes_first() -> None:
    memo.clear()
    calls: list[str] = []

    def make(value: str | None) -> str | None:
        calls.append(str(value))
        return value

    assert memo.memo(("k", 1), lambda: make("a")) == "a"
    assert memo.memo(("k", 1), lambda: make("b")) == "a"  # kept: not made again
    assert memo.memo(("k", 2), lambda: make(None)) is None
    assert memo.memo(("k", 2), lambda: make("now there")) == "now there"
    assert calls == ["a", "None", "now there"]
    for i in range(memo.SIZE):
        memo.memo(("fill", i), lambda: "x")
    assert memo.memo(("k", 1), lambda: make("made again")) == "made again"  # evicted
    memo.clear()
