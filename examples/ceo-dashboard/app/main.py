from __future__ import annotations

import logging

import structlog
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from prometheus_fastapi_instrumentator import Instrumentator

from app import db, snowflake
from app.cache import cached, redis
from app.config import settings

logging.basicConfig(level=settings.log_level)  # stdout; the cluster collects it
log = structlog.get_logger()

app = FastAPI(title="CEO dashboard", version="2.3.0")
Instrumentator().instrument(app).expose(app, endpoint="/metrics")


@app.get("/health")
async def health() -> JSONResponse:
    checks = {}
    for name, probe in (("postgres", db.ping), ("redis", redis.ping), ("snowflake", snowflake.ping)):
        try:
            checks[name] = bool(await probe())
        except Exception as error:  # a failed dependency is a failed check, not a 500
            log.warning("health check failed", dependency=name, error=str(error))
            checks[name] = False
    status = 200 if all(checks.values()) else 503
    return JSONResponse({"status": "ok" if status == 200 else "degraded", "checks": checks}, status)


@app.get("/api/kpis")
async def kpis() -> list[dict[str, object]]:
    return await cached("kpis:latest", snowflake.fetch_kpis)
