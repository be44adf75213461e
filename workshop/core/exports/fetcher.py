"""The only way WeasyPrint may read a file: from the templates folder, and nothing else.

WeasyPrint follows every URL a document mentions: stylesheets, images, fonts.
User text is escaped, so it can never add one, but this fetcher is the second
lock on the door: it serves `file:` URLs whose real path (symbolic links
resolved) lies inside TEMPLATES_DIR and raises `FetchRefused` for everything
else: other files, http(s), ftp, and `data:` URLs too (the templates do not need
them, and refusing them means no URL of any kind can smuggle content in).

WeasyPrint catches the refusal, logs a warning and leaves the resource out, so
the document still renders.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefused(ValueError):
    """A URL outside the templates folder was asked for."""


class TemplateOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves files from one folder only."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",))
        self.root = Path(os.path.realpath(root))

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.resolve(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )

    def resolve(self, url: str) -> Path:
        """The file a URL names, if it may be served; raises FetchRefused otherwise."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused to fetch {url[:80]!r}: only template files are allowed")
        path = Path(os.path.realpath(unquote(parts.path)))
        if not path.is_relative_to(self.root) or not path.is_file():
            raise FetchRefused(f"refused to fetch {url[:80]!r}: not a file in the templates folder")
        return path
