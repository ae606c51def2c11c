"""Core logic of the theme-education knowledge base; never imports MkDocs."""
