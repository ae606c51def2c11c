"""Build-time checks over pages and rendered HTML; each returns editor-facing Problems."""
