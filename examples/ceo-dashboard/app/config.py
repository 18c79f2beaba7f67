from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "postgresql+asyncpg://dashboard@localhost:5432/dashboard"
    redis_url: str = "redis://localhost:6379/0"
    snowflake_enabled: bool = True
    snowflake_account: str = ""
    snowflake_user: str = ""
    snowflake_password: str = ""
    snowflake_warehouse: str = "REPORTING_WH"
    cache_ttl_seconds: int = 300
    log_level: str = "INFO"


settings = Settings()
