"""The search and filter indexes: small JSON files the browser loads on demand.

Search (``/search/``) and the chronology's filters run in the reader's browser from these
files, so they work on any static host. The filters read ``search/filters.json``: each event's
era, tags, actors, places and status as short arrays of numbers (about 20 bytes an event), and
the events' ids where the page needs them. Words, on the search page and in the filters, are
looked up in the sharded text index (``text_index_files``), which a query reads only a few
files of; result records (title, date, a snippet of the summary) come in chunks from the same
index. Pages work without any of it: with JavaScript off, the filters are links to the static
tag, actor, place and era pages.
"""

from __future__ import annotations

import base64
import bisect
import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from .fields import STATUS_LABELS
from .locale import Locale
from .markup import plain_text
from .model import Event, Term, Timeline
from .organise import TERM_KINDS, Site, event_url

SNIPPET_LENGTH = 240
FILTERS_URL = "search/filters.json"


def snippet(html: str) -> str:
    """Plain text of sanitised summary HTML, cut at a word boundary."""
    text = " ".join(plain_text(html).split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


def _event_row(site: Site, event: Event, terms: dict[str, dict[str, int]], eras: dict[str, int]) -> list[Any]:
    """What the filters match an event on: its era, tags, actors, places and status, by number
    (words are looked up in the sharded text index, whose events are numbered the same way)."""
    era = site.era_of.get(event.id)
    return [
        eras[era.id] if era else -1,
        [[terms[kind][term_id] for term_id in getattr(event, kind + "s")] for kind in TERM_KINDS],
        _STATUS_NUMBERS.get(event.status or "", -1),
    ]


_STATUS_NUMBERS = {status: number for number, status in enumerate(STATUS_LABELS)}


def _positions(site: Site) -> tuple[dict[str, dict[str, int]], dict[str, int]]:
    terms = {kind: {term_id: i for i, term_id in enumerate(site.timeline.terms(kind))} for kind in TERM_KINDS}
    eras = {era.id: i for i, era in enumerate(site.timeline.eras)}
    return terms, eras


def _header(site: Site, locale: Locale | None) -> dict[str, Any]:
    translate = locale.t if locale else str
    return {
        "version": 2,
        "fields": ["era", "terms", "status"],
        "statuses": [[status, translate(label)] for status, label in STATUS_LABELS.items()],
        "eras": [[era.id, era.name] for era in site.timeline.eras],
        "terms": {
            kind: [[t, term.name] for t, term in site.timeline.terms(kind).items()] for kind in TERM_KINDS
        },
    }


def filters_json(
    site: Site,
    locale: Locale | None = None,
    rows: dict[str, tuple[object, str]] | None = None,
    with_ids: bool = True,
) -> bytes:
    """The filters' file as compact JSON; with ``rows`` (mkdocs serve), unchanged events' rows
    are reused. ``ids`` (in event order) are written only ``with_ids``: where the filters hide
    entries in place or dim the overview's marks; a long, paginated chronology, whose overview
    counts years, lists matches from the text index's records instead and needs no ids."""
    terms, eras = _positions(site)
    language = locale.language if locale else ""
    stamp_base = (site.timeline.revision, language)
    parts = []
    for event in site.events:
        key, stamp = f"{language}:{event.id}", (event.revision, stamp_base)
        kept = rows.get(key) if rows is not None else None
        if kept is None or kept[0] != stamp:
            kept = (stamp, _dumps(_event_row(site, event, terms, eras)))
            if rows is not None:
                rows[key] = kept
        parts.append(kept[1])
    ids = [event.id for event in site.events] if with_ids else None
    head = _dumps({**_header(site, locale), "ids": ids, "events": []})
    return (head[: -len("[]}")] + "[" + ",".join(parts) + "]}").encode("utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# ---- the sharded text index (the search page) ------------------------------------------------
# Normalisation and tokenising are mirrored, rule for rule, by theme/assets/search.js: the index
# and the query must fold the same way or a word is never found (tests/unit/test_search_text.py
# runs both on the same strings).
SHARDS_URL = "search/shards.json"
SHARD_FOLDER = "search/terms/"
DOCS_FOLDER = "search/docs/"
DOCS_PER_CHUNK = 16  # a page of results costs a few small files, not the whole chronology
SHARD_BUDGET = 16_000  # bytes: a shard above it is split by one more letter of its prefix
MIN_TERM = 2
_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = tuple(
    {
        "\u0671": "\u0627",  # alef wasla -> alef (hamza and madda forms lose their mark above)
        "\u0649": "\u064a",  # alef maqsura -> yaa
        "\u06cc": "\u064a",  # Persian yaa
        "\u0629": "\u0647",  # taa marbuta -> haa
        "\u06a9": "\u0643",  # Persian kaf
        "\u0621": "",  # a lone hamza: spelt, or not, at random
        "'": "", "\u2019": "", "\u2018": "", "`": "", "\u02bc": "", "\u02bb": "", "\u02bf": "", "\u02be": "",
    }.items()
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
ARABIC = re.compile("[\u0600-\u06ff]")
STOPWORDS = frozenset(
    (
        "the", "of", "and", "in", "a", "an", "al", "el", "to", "at", "on", "by", "for", "with", "from",
        "is", "was", "were", "as", "its", "it", "that", "this",
        "في", "من", "علي", "الي", "عن", "مع", "او", "ثم", "ان", "التي", "الذي",
    )
)  # fmt: skip
# Light stemming (after Larkey's light10): conjunctions, prepositions and the article in front,
# plural, dual and pronoun endings behind, so الصليبيين, صليبيون and بالمعرة meet their kin.
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def fold(text: str) -> str:
    """Case, accents, Arabic diacritics and letter variants folded away: the form both the
    index and the query are compared in."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    for letter, replacement in _LETTERS:  # str.replace is far faster than str.translate here
        if letter in text:
            text = text.replace(letter, replacement)
    return text.lower()


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """An Arabic word without its clitics and common endings; other words as they are."""
    if not ARABIC.match(word):
        return word
    if word[0] in "وف" and len(word) > 3:
        word = word[1:]
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            word = word[len(article) :]
            break
    else:
        if word[0] in "بلك" and len(word) > 4:
            word = word[1:]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
    return word


def search_terms(text: str) -> list[str]:
    """The index terms of a text, in order: folded words, stop words dropped, stemmed."""
    words = (word for word in _WORD.findall(fold(text)) if word not in STOPWORDS)
    return [term for term in map(stem, words) if len(term) >= MIN_TERM]


def _term_words(term: Term) -> frozenset[str]:
    """The terms of every name a term is known by: each edition's name and the aliases."""
    names = [term.name, *(t.get("name") for t in term.translations.values()), *term.aliases]
    return frozenset(search_terms(" ".join(names)))


def _texts(event: Event, original: Event | None) -> tuple[str, str]:
    """An event's titles and summaries in every language it is written in: a reader of one
    edition who types in another language still finds it, and a word's shard is no larger for
    it (the other language's words fall in other shards)."""
    source = original or event
    translations = source.translations.values()
    titles = " ".join([source.title, *(t.get("title") for t in translations)])
    summaries = " ".join(
        plain_text(html) for html in [source.summary_html, *(t.get("summary_html") for t in translations)]
    )
    return titles, summaries


KeptIndex = dict[str, tuple[object, Any]]  # event id -> (what it was made from, its terms or row)
Postings = dict[str, tuple[list[int], list[int]]]  # term -> (events, events whose title has it)
EventTerms = tuple[frozenset[str], frozenset[str]]  # an event's title terms, all its terms


class TextIndex:
    """One edition's text index as the last ``mkdocs serve`` rebuild left it.

    An edit changes the terms of one event: when the events are the same and in the same order,
    only that event's number moves between the postings of the terms it lost and gained, and
    only the shards of those terms' prefixes are written again; a record chunk is joined again
    only when one of its events' records changed. Anything else (an event added, removed or
    moved) rebuilds the postings from each event's kept terms.
    """

    def __init__(self) -> None:
        self.held: KeptIndex = {}  # each event's terms and record, by what they were made from
        self.order: tuple[str, ...] = ()
        self.terms: list[EventTerms] = []
        self.postings: Postings = {}
        self.encoded: dict[str, str] = {}  # term -> its postings as JSON
        self.by_prefix: dict[str, set[str]] = {}  # the terms of each shard prefix
        self.shards: dict[str, dict[str, bytes]] = {}  # prefix -> its shard files
        self.chunks: dict[int, tuple[tuple[str, ...], bytes]] = {}  # chunk -> (records, file)


def _event_terms_of(
    site: Site, originals: Mapping[str, Event], written: Timeline, kept: KeptIndex | None
) -> list[EventTerms]:
    names: dict[str, dict[str, frozenset[str]]] = {}
    terms = []
    for event in site.events:
        original = originals.get(event.id)
        stamp = (event.revision, original and original.revision, written.revision, event.date_display)
        held = kept.get(f"terms:{event.id}") if kept is not None else None
        if held is None or held[0] != stamp:
            names = names or _names(written)
            held = (stamp, _event_terms(event, original, names))
            if kept is not None:
                kept[f"terms:{event.id}"] = held
        terms.append(held[1])
    return terms


def _update_postings(index: TextIndex, terms: list[EventTerms], changed: list[int]) -> set[str]:
    """Move the numbers of the ``changed`` events (same events, same order) between the
    postings of the terms they lost and gained; returns the terms whose postings changed."""
    touched: set[str] = set()
    for number in changed:
        new, old = terms[number], index.terms[number]
        for term in old[1] | new[1]:
            events, in_titles = index.postings.setdefault(term, ([], []))
            for numbers, has in ((events, term in new[1]), (in_titles, term in new[0])):
                at = bisect.bisect_left(numbers, number)
                present = at < len(numbers) and numbers[at] == number
                if present and not has:
                    del numbers[at]
                elif has and not present:
                    numbers.insert(at, number)
            if not events:
                del index.postings[term]
            touched.add(term)
    return touched


def _names(written: Timeline) -> dict[str, dict[str, frozenset[str]]]:
    return {
        kind: {term_id: _term_words(term) for term_id, term in written.terms(kind).items()}
        for kind in TERM_KINDS
    }


def _event_terms(
    event: Event, original: Event | None, names: dict[str, dict[str, frozenset[str]]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The terms of an event's titles, and of everything it is found by (titles, date, summaries,
    the names of its tags, actors and places)."""
    titles, summaries = _texts(event, original)
    title = set(search_terms(f"{event.title} {titles}"))
    found = title.union(search_terms(f"{event.date_display} {summaries}"))
    for kind in TERM_KINDS:
        found.update(*(names[kind][term_id] for term_id in getattr(event, kind + "s")))
    return frozenset(title), frozenset(found)


def _deltas(numbers: list[int]) -> list[int]:
    return [n - (numbers[i - 1] if i else 0) for i, n in enumerate(numbers)]


def encode_postings(numbers: list[int], count: int) -> str:
    """Event numbers as JSON: the gaps between them, or, where shorter (a word most events
    hold, like the town's name), a bitmap of all ``count`` events in base64 (bit n of byte
    n // 8 is event n): a word's cost stays under count / 6 bytes at any size."""
    gaps = _dumps(_deltas(numbers))
    if len(gaps) <= count // 6:
        return gaps
    bitmap = bytearray((count + 7) // 8)
    for number in numbers:
        bitmap[number >> 3] |= 1 << (number & 7)
    bits = _dumps(base64.b64encode(bytes(bitmap)).decode("ascii"))
    return gaps if len(gaps) <= len(bits) else bits


def _split(key: str, entries: list[tuple[str, str]], shards: dict[str, list[tuple[str, str]]]) -> None:
    """Put ``entries`` (term, JSON) under ``key``, split by one more letter while too large."""
    if sum(len(t) + len(j) for t, j in entries) <= SHARD_BUDGET or all(
        len(t) <= len(key) for t, _ in entries
    ):
        shards[key] = entries
        return
    exact = [entry for entry in entries if len(entry[0]) <= len(key)]
    if exact:
        shards[key] = exact
    groups: dict[str, list[tuple[str, str]]] = {}
    for entry in entries:
        if len(entry[0]) > len(key):
            groups.setdefault(entry[0][: len(key) + 1], []).append(entry)
    for longer, group in groups.items():
        _split(longer, group, shards)


def shard_name(key: str) -> str:
    """A shard's file name: its prefix's UTF-8 bytes in hex, safe on every file system."""
    return key.encode("utf-8").hex()


def text_index_files(
    site: Site,
    locale: Locale | None = None,
    originals: Mapping[str, Event] | None = None,
    written: Timeline | None = None,
    kept: TextIndex | None = None,
) -> dict[str, bytes]:
    """The search page's index as files (URL -> bytes): a manifest of term prefixes, one shard
    of postings per prefix and the result records in chunks, so a query downloads only the
    shards of its words and the chunks of the results it shows. ``originals`` and ``written`` are
    the events and the timeline as written (main language, with their translations), so every
    edition finds every language's words. ``kept`` (mkdocs serve, one per edition) is the index
    the last rebuild made, brought up to date in place."""
    index = kept or TextIndex()
    count, order = len(site.events), tuple(event.id for event in site.events)
    terms = _event_terms_of(site, originals or {}, written or site.timeline, index.held)
    same_events = order == index.order
    changed = (
        [n for n, (new, old) in enumerate(zip(terms, index.terms, strict=True)) if new is not old]
        if same_events
        else []
    )
    if same_events and len(changed) * 8 <= count:  # a few edits: move their numbers
        touched = _update_postings(index, terms, changed)
    else:  # every number may have moved (or most terms changed): postings and shards anew
        index.postings = _postings_of(terms)
        touched = set(index.postings)
        index.encoded, index.by_prefix, index.shards = {}, {}, {}
    index.order, index.terms = order, terms
    for term in touched:
        prefix = term[:MIN_TERM]
        if term in index.postings:
            events, titles = index.postings[term]
            index.encoded[term] = f"[{encode_postings(events, count)},{encode_postings(titles, count)}]"
            index.by_prefix.setdefault(prefix, set()).add(term)
        else:
            index.encoded.pop(term, None)
            index.by_prefix.get(prefix, set()).discard(term)
    for prefix in {term[:MIN_TERM] for term in touched}:
        entries = [(term, index.encoded[term]) for term in sorted(index.by_prefix.get(prefix, ()))]
        shards: dict[str, list[tuple[str, str]]] = {}
        if entries:
            _split(prefix, entries, shards)
        index.shards[prefix] = {key: _shard_json(group) for key, group in shards.items()}
    keys = sorted(key for shards_of in index.shards.values() for key in shards_of)
    files = {f"{SHARD_FOLDER}{shard_name(key)}.json": index.shards[key[:MIN_TERM]][key] for key in keys}
    files.update(_record_chunks(site, locale, index))
    manifest = {"version": 2, "events": count, "chunk": DOCS_PER_CHUNK, "shards": keys}
    files[SHARDS_URL] = _dumps(manifest).encode("utf-8")
    return files


def _postings_of(terms: list[EventTerms]) -> Postings:
    """Term -> (events it occurs in, events whose title has it), events numbered by position."""
    postings: Postings = {}
    for number, (title, found) in enumerate(terms):
        for term in found:  # any order: each term's list grows by event number
            events, in_titles = postings.setdefault(term, ([], []))
            events.append(number)
            if term in title:
                in_titles.append(number)
    return postings


def _shard_json(entries: list[tuple[str, str]]) -> bytes:
    return ("{" + ",".join(f"{_dumps(term)}:{data}" for term, data in entries) + "}").encode("utf-8")


def _record_chunks(site: Site, locale: Locale | None, index: TextIndex) -> dict[str, bytes]:
    """The result records, ``DOCS_PER_CHUNK`` events a file; a chunk is joined again only when
    one of its records changed."""
    files = {}
    for start in range(0, len(site.events), DOCS_PER_CHUNK):
        number = start // DOCS_PER_CHUNK
        rows = tuple(
            _record(event, locale, index.held) for event in site.events[start : start + DOCS_PER_CHUNK]
        )
        kept = index.chunks.get(number)
        if kept is None or kept[0] != rows:
            kept = index.chunks[number] = (rows, ("[" + ",".join(rows) + "]").encode("utf-8"))
        files[f"{DOCS_FOLDER}{number}.json"] = kept[1]
    for gone in [number for number in index.chunks if number * DOCS_PER_CHUNK >= len(site.events)]:
        del index.chunks[gone]
    return files


def _record(event: Event, locale: Locale | None, kept: KeptIndex | None) -> str:
    """An event's search result as JSON: address, title, date as the edition writes it, snippet."""
    when = locale.when(event) if locale else event.date_display
    stamp = (event.revision, event.title, when, event.summary_html)
    held = kept.get(f"record:{event.id}") if kept is not None else None
    if held is None or held[0] != stamp:
        held = (stamp, _dumps([event_url(event.id), event.title, when, snippet(event.summary_html)]))
        if kept is not None:
            kept[f"record:{event.id}"] = held
    record: str = held[1]
    return record
