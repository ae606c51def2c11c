"""The MkDocs plugin of the knowledge base: the only part of the package that imports MkDocs.

Registered as the `kb` plugin (entry point in pyproject.toml); `plugin.py` wires MkDocs'
events to the pure package, `config.py` declares its settings.
"""

from .plugin import KnowledgeBasePlugin

__all__ = ["KnowledgeBasePlugin"]
