"""The floor of bench/portal.py: a bare FastAPI endpoint, no middleware, no store, served by
uvicorn with the portal's settings. What any page of the portal costs beyond this is the
portal's own."""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)


@app.get("/api/floor")
def floor() -> dict[str, str]:
    return {"status": "ok"}
