"""Turn one raw report into a faithful, structured source page."""

from .pipeline import IngestResult, ingest_text

__all__ = ["IngestResult", "ingest_text"]
