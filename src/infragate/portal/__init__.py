"""The web portal: the catalog, intake, requests and costs in a browser, on the CLI's core."""
