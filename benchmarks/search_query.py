"""What theme/assets/search.js downloads and finds for a query, replayed in Python on a built site.

The browser tests check the real script in Chromium; this replay lets the benchmark and the unit
tests count bytes and results for many queries on large sites without a browser.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.search import ARABIC, DOCS_FOLDER, SHARD_FOLDER, SHARDS_URL, search_terms, shard_name

PAGE = 20  # results search.js shows before "More results"


@dataclass
class QueryCost:
    """The files one query fetched, and what it found."""

    results: list[int] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # URL -> bytes

    @property
    def bytes(self) -> int:
        return sum(self.files.values())


class Replay:
    """One edition's sharded index read from a site folder (``edition`` is "" or "ar/")."""

    def __init__(self, site: Path, edition: str = "") -> None:
        self.site, self.edition = site, edition

    def _get(self, url: str, cost: QueryCost) -> Any:
        data = (self.site / self.edition / url).read_bytes()
        cost.files[url] = len(data)
        return json.loads(data)

    def query(self, text: str) -> QueryCost:
        cost = QueryCost()
        words = list(dict.fromkeys(search_terms(text)))
        if not words:
            return cost
        manifest = self._get(SHARDS_URL, cost)
        hits = [self._lookup(word, manifest["shards"], cost) for word in words]
        found = set(hits[0][0]).intersection(*(h[0] for h in hits[1:]))
        ranked = sorted(found, key=lambda n: (not all(n in h[1] for h in hits), n))
        for number in ranked[:PAGE]:
            self._get(f"{DOCS_FOLDER}{number // manifest['chunk']}.json", cost)
        cost.results = ranked
        return cost

    def _lookup(self, word: str, keys: list[str], cost: QueryCost) -> tuple[set[int], set[int]]:
        prefix = len(word) >= 3 and not ARABIC.match(word)  # as search.js: stems match whole
        wanted = [key for key in keys if prefix and len(key) > len(word) and key.startswith(word)]
        longest = max((key for key in keys if word.startswith(key)), key=len, default="")
        if longest:
            wanted.append(longest)
        events: set[int] = set()
        titles: set[int] = set()
        for key in wanted:
            shard = self._get(f"{SHARD_FOLDER}{shard_name(key)}.json", cost)
            for term, (all_deltas, title_deltas) in shard.items():
                if term == word or (prefix and term.startswith(word)):
                    events.update(decode(all_deltas))
                    titles.update(decode(title_deltas))
        return events, titles


def decode(postings: list[int] | str) -> list[int]:
    """As search.js's decode(): gaps between event numbers, or a base64 bitmap."""
    if isinstance(postings, str):
        bitmap = base64.b64decode(postings)
        return [i * 8 + bit for i, byte in enumerate(bitmap) for bit in range(8) if byte >> bit & 1]
    total, numbers = 0, []
    for gap in postings:
        total += gap
        numbers.append(total)
    return numbers
