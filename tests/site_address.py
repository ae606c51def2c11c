"""Addresses the build writes out (downloads, feed): full when the site knows its own address
(`site_url`, from KB_SITE_URL on CI), else relative to the site's root. Tests read them back as
paths in the built site either way."""

from __future__ import annotations

import os
from urllib.parse import urlsplit


def site_path(address: str) -> str:
    """'https://x.github.io/kb/sources/a/#p-1' or 'sources/a/#p-1' → 'sources/a/#p-1'."""
    base = os.environ.get("KB_SITE_URL") or ""
    if base and address.startswith(base):
        return address[len(base) :].lstrip("/")
    parts = urlsplit(address)
    if parts.scheme:  # a full address under another base: keep the path after the host
        return parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
    return address
