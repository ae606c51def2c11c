"""Chinese full-text search: section records, facets, lexicon, and the Pagefind index."""
