"""Two cache tiers: a per-process dict in front of Redis, both with the same TTL."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import Redis

from app.config import settings

redis = Redis.from_url(settings.redis_url, decode_responses=True)
_local: dict[str, tuple[float, Any]] = {}


async def cached(key: str, compute: Callable[[], Awaitable[Any]]) -> Any:
    now = time.monotonic()
    hit = _local.get(key)
    if hit and hit[0] > now:
        return hit[1]
    raw = await redis.get(key)
    if raw is not None:
        value = json.loads(raw)
    else:
        value = await compute()
        await redis.set(key, json.dumps(value), ex=settings.cache_ttl_seconds)
    _local[key] = (now + settings.cache_ttl_seconds, value)
    return value
