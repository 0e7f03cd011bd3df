"""Slugs: the URL-safe names of publishers, imported events and new event files.

A foundation module, so the organise stage (publisher pages), the importer and ``chronology
new`` make slugs the same way without importing one another.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A URL-safe slug. Text with no Latin letters (Arabic names) gets a stable digest slug."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")[:60].strip("-")
    if not slug:
        slug = "n-" + hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()
    return slug


def transliterated_slug(text: str) -> str:
    """A slug that reads: text in other scripts transliterated ("Осада Маарата" -> "osada-maarata",
    Arabic likewise), for the ids of imported events and terms; ``slugify`` where that is Latin.

    Only the importer uses it: ids already published (publisher pages) keep ``slugify``'s form.
    """
    from slugify import slugify as transliterate  # python-slugify, imported only when importing

    slug = slugify(text)
    if not slug.startswith("n-"):
        return slug
    return transliterate(text, max_length=60, word_boundary=True) or slug
