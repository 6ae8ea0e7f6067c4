"""Every composition of store results and metrics that a page or report.py shows."""
