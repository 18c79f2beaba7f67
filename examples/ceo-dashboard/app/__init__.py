"""CEO dashboard: company KPIs from Snowflake and the operational database, cached."""
