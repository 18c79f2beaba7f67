"""The portal (`infragate serve`): the lifecycle, the catalog, intake and costs in a browser,
on the same core and store as the CLI. Pages are rendered on the server (Jinja2) and
enhanced with htmx, vendored; every page has a JSON twin under /api."""
