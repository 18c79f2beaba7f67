from fastapi.testclient import TestClient

from app.main import app


def test_health_reports_each_dependency(monkeypatch) -> None:
    async def ok() -> bool:
        return True

    monkeypatch.setattr("app.db.ping", ok)
    monkeypatch.setattr("app.snowflake.ping", ok)
    monkeypatch.setattr("app.cache.redis.ping", ok)
    response = TestClient(app).get("/health")
    assert response.status_code == 200
    assert set(response.json()["checks"]) == {"postgres", "redis", "snowflake"}
