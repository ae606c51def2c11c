"""Tools for benchmarks and browser tests: a local server, a browser, a relevance judge, a corpus.

Playwright is a test dependency, so it is imported only where a browser is opened.
"""
