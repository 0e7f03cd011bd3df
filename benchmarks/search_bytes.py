"""Bytes a reader downloads for a search, measured on the benchmark's own built site.

``benchmarks.search`` compares index designs on the bundled chronology repeated; this module
answers the issue's question on the synthetic site the build benchmark has just built: how many
bytes does ``theme/assets/search.js`` fetch before it can show the first result, and before the
first page of results, for a few English and Arabic queries, in both editions. The fetches are
replayed in Python (``search_query.Replay``), uncompressed and with nothing cached.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.search import DOCS_FOLDER

from .search_query import Replay

BUDGET_KB = 300  # the target: the first result after at most this much, at 50,000 events
# Words the synthetic content uses (benchmarks/synthetic.py): a common word, a frequent name,
# a tag and, in English, a prefix; an Arabic name comes with its article-free stem.
QUERIES = {
    "": ("hospitals", "Samir Khoury", "Earthquakes", "minis"),
    "ar/": ("المستشفيات", "سمير خوري", "زلازل", "الوزارة"),
}


def first_result_bytes(files: dict[str, int]) -> int:
    """Bytes fetched up to and including the first record file: what the first result costs.

    ``Replay`` records files in the order search.js fetches them: the manifest, the term
    shards, then the record files of the results in rank order.
    """
    total = 0
    for url, size in files.items():
        total += size
        if url.startswith(DOCS_FOLDER):
            return total
    return total  # no result: everything fetched to learn that


def measure_search(site: Path) -> dict[str, Any]:
    """Per edition and query: bytes to the first result and to the first page, requests, hits."""
    rows: dict[str, Any] = {}
    for edition, queries in QUERIES.items():
        replay = Replay(site, edition)
        for query in queries:
            cost = replay.query(query)
            rows[f"{edition or 'en/'}{query}"] = {
                "first_result_bytes": first_result_bytes(cost.files),
                "first_page_bytes": cost.bytes,
                "requests": len(cost.files),
                "results": len(cost.results),
            }
    return rows


def worst_kb(rows: dict[str, Any], edition: str, key: str = "first_result_bytes") -> float:
    """The largest download of one edition's queries (``en/`` or ``ar/``), in KB."""
    return max(int(row[key]) for name, row in rows.items() if name.startswith(edition)) / 1024
