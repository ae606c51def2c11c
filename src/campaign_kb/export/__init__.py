"""Open data: the knowledge base as CSV, JSON and JSON Schema, made from data/ at every build."""
