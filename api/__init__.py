"""The HTTP service: the customer API, the agent API, and the pages (widget, demo, inbox)."""
