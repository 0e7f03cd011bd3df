"""The sourcing standard, checked across the whole chronology (``chronology validate``).

Rules a reviewer would otherwise apply by eye, reported as warnings an editor can act on:

- an event with one source, unless ``status: single-source`` says a reviewer has accepted it;
- ``status: confirmed`` without two independent sources;
- two sources that share a publisher or a registrable domain (a wire story and its copies
  are one source), unless the event is marked single-source or each of the two says which
  statement it backs (``supports:``);
- a URL that carries tracking parameters (``utm_*``, ``fbclid`` ...);
- a summary that names a publisher known from the site's sources but not among the event's
  own, outside a sentence that cites one of its sources inline (``[^n]``): the summary makes
  the event's claims, while the body may discuss reports the editors did not rely on;
- and, as a lower-severity *notice*, a source without an archived copy.

Why a notice: archiving needs the network (``chronology archive``); a chronology written
where the archives cannot be reached must still pass ``validate --strict``.

Publishers are compared by the names in ``publisher:``: "Asharq Al-Awsat (Agence
France-Presse)" is both Asharq Al-Awsat and AFP, "Reuters (via The Irish Times)" both Reuters
and The Irish Times, so two AFP copies are one source. The common wire abbreviations (AFP,
AP) are the agencies' names. Domains are compared by their registrable part (example.co.uk,
not news.example.co.uk), approximated without the public-suffix list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from .markup import CITATION
from .model import Event, Source
from .problems import Problem, Severity

TRACKING_PARAMETERS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|igsh|_ga|_gl"
    r"|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|ref_src|__twitter_impression|s_cid|cmpid)$",
    re.IGNORECASE,
)
# Wire agencies by the names editors write: all spellings are one publisher.
ALIASES = {
    "afp": "agence france-presse",
    "agence france presse": "agence france-presse",
    "ap": "associated press",
    "the associated press": "associated press",
    "reuters news agency": "reuters",
}
# Parenthetical notes in a publisher's name that are not a publisher ("mirror: ...").
_NOTE = re.compile(r"^(repost|translation|mirror|summarising|summarizing|copy)\b|:", re.IGNORECASE)
_SUMMARISING = re.compile(r"^(?:(?:summarising|summarizing)\s+(?:the\s+)?|via\s+|copy of\s+)", re.IGNORECASE)
# Second-level labels under which anyone registers a name (news.example.co.uk -> example.co.uk),
# and hosts whose subdomains belong to different people.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "go", "or", "ne"})
_SHARED_HOSTS = frozenset({"wordpress.com", "blogspot.com", "medium.com", "substack.com", "github.io"})


def publisher_names(publisher: str) -> tuple[str, ...]:
    """The publishers a ``publisher:`` value names, as written: the outlet and, in parentheses
    or after "via", the agency or the site that carries the copy."""
    inner = re.findall(r"\(([^()]*)\)", publisher)
    outer = re.sub(r"\([^()]*\)", " ", publisher)
    names = [part.strip(" ,") for part in re.split(r"\s+via\s+", outer)]
    for note in inner:
        note = _SUMMARISING.sub("", note.strip())
        if note and not _NOTE.search(note) and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", note):
            names.append(note)
    return tuple(dict.fromkeys(name for name in names if name))


def publisher_key(name: str) -> str:
    """One spelling per publisher: lowercased, without a leading "The", wires by full name."""
    key = " ".join(name.lower().split())
    key = ALIASES.get(key, key)
    return key.removeprefix("the ")


def registrable_domain(url: str) -> str:
    """``https://www.news.example.co.uk/x`` -> ``example.co.uk`` (an approximation)."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    domain = ".".join(labels[-keep:])
    if domain in _SHARED_HOSTS:
        return ".".join(labels[-(keep + 1) :])
    return domain


def tracking_parameters(url: str) -> list[str]:
    """The query parameters of ``url`` that only track the reader (utm_source, fbclid ...)."""
    return [
        name
        for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)
        if TRACKING_PARAMETERS.match(name)
    ]


@dataclass(frozen=True, slots=True)
class Origin:
    """What makes a source independent of another: its publishers and its domain."""

    keys: frozenset[str]
    domain: str

    @classmethod
    def of(cls, source: Source) -> Origin:
        return cls(
            frozenset(publisher_key(n) for n in publisher_names(source.publisher)),
            registrable_domain(source.url),
        )

    def shared_with(self, other: Origin) -> str:
        """What the two have in common ("the publisher reuters", "the domain x.org"), or ""."""
        common = sorted(self.keys & other.keys)
        if common:
            return f"the publisher '{common[0]}'"
        return f"the domain {self.domain}" if self.domain == other.domain else ""


def independent_groups(sources: Iterable[Source]) -> int:
    """How many independent origins the sources have: sources that share a publisher or a
    domain, directly or through another source, count once."""
    origins = [Origin.of(source) for source in sources]
    group = list(range(len(origins)))

    def find(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, first in enumerate(origins):
        for j in range(i + 1, len(origins)):
            if first.shared_with(origins[j]):
                group[find(j)] = find(i)
    return len({find(i) for i in range(len(origins))})


Positions = Mapping[str, tuple[int, int]]


def check_sourcing(events: Iterable[Event], positions: Mapping[str, Positions]) -> list[Problem]:
    """Every rule of the sourcing standard, over every event. ``positions`` are each event's
    field positions (``validate.reference_positions``), so problems point at the line."""
    events = list(events)
    known = known_publishers(events)
    problems: list[Problem] = []
    for event in events:
        where = positions.get(event.id, {})
        problems += _count_and_independence(event, where)
        problems += _addresses(event, where)
        problems += _unlisted_publishers(event, where, known)
    return problems


def _problem(
    event: Event, where: Positions, field: str, message: str, hint: str, severity: Severity
) -> Problem:
    line, column = where.get(field) or where.get(field.split(".")[0]) or (1, 1)
    return Problem(event.path, line, column, field, message, hint, severity)


def _count_and_independence(event: Event, where: Positions) -> list[Problem]:
    problems = []
    if len(event.sources) == 1 and event.status != "single-source":
        problems.append(
            _problem(
                event,
                where,
                "sources",
                "has a single source",
                "add an independent report, or acknowledge it with status: single-source",
                Severity.WARNING,
            )
        )
    groups = independent_groups(event.sources)
    if event.status == "confirmed" and groups < 2:
        problems.append(
            _problem(
                event,
                where,
                "status",
                f"is confirmed, but its sources have {groups} independent origin{'s' if groups != 1 else ''}",
                "add an independent report, or set the status the sources justify (single-source)",
                Severity.WARNING,
            )
        )
    if event.status != "single-source":
        problems += _shared_origins(event, where)
    return problems


def _shared_origins(event: Event, where: Positions) -> list[Problem]:
    """Pairs of sources with one origin, unless each says which statement it backs."""
    origins = [Origin.of(source) for source in event.sources]
    problems = []
    for j, later in enumerate(origins):
        for i in range(j):
            shared = origins[i].shared_with(later)
            if shared and not (event.sources[i].supports and event.sources[j].supports):
                problems.append(
                    _problem(
                        event,
                        where,
                        f"sources[{j}].publisher",
                        f"shares {shared} with sources[{i}]: the two are not independent",
                        "cite the original once; keep both only if each backs a different "
                        "statement (say which with supports:)",
                        Severity.WARNING,
                    )
                )
                break
    return problems


def _addresses(event: Event, where: Positions) -> list[Problem]:
    problems = []
    for index, source in enumerate(event.sources):
        for field, url in (("url", source.url), ("archive_url", source.archive_url)):
            tracking = tracking_parameters(url) if url else []
            if tracking:
                problems.append(
                    _problem(
                        event,
                        where,
                        f"sources[{index}].{field}",
                        f"carries tracking parameters ({', '.join(tracking)})",
                        "remove them: the address works without them, and they identify the "
                        "campaign or the reader",
                        Severity.WARNING,
                    )
                )
        if not source.archive_url:
            problems.append(
                _problem(
                    event,
                    where,
                    f"sources[{index}].url",
                    "has no archived copy",
                    "run chronology archive, or add archive_url: from web.archive.org",
                    Severity.NOTICE,
                )
            )
    return problems


def known_publishers(events: Iterable[Event]) -> dict[str, str]:
    """Every publisher named in any source of the site: its name as written -> its key."""
    known: dict[str, str] = {}
    for event in events:
        for source in event.sources:
            for name in publisher_names(source.publisher):
                if len(name) >= 3 and not name.islower():  # "attwiw": a handle, not a name in prose
                    known.setdefault(name, publisher_key(name))
    for short, full in ALIASES.items():
        if short.isalpha() and len(short) <= 3 and full in known.values():
            known.setdefault(short.upper(), full)
    return known


def _unlisted_publishers(event: Event, where: Positions, known: Mapping[str, str]) -> list[Problem]:
    """A publisher the text names that the event does not cite: a claim without its source."""
    own = {publisher_key(name) for source in event.sources for name in publisher_names(source.publisher)}
    problems = []
    for field, text in (("summary", event.summary),):
        named: dict[str, int] = {}
        for name, key in known.items():
            if key in own:
                continue
            core = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
            for match in re.finditer(r"(?<![\w-])" + re.escape(core) + r"(?![\w-])", text):
                if not CITATION.search(_sentence(text, match.start())):
                    named.setdefault(name, match.start())
                    break
        for name, offset in sorted(named.items(), key=lambda item: item[1]):
            line, column = where.get(f"{field}@text") or where.get(field) or (1, 1)
            problems.append(
                Problem(
                    event.path,
                    line + text[:offset].count("\n"),
                    column,
                    field,
                    f"names {name}, which is not among the event's sources",
                    "add the report by that publisher, or cite the listed source that quotes it "
                    "with [^n] in the same sentence",
                    Severity.WARNING,
                )
            )
    return problems


_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?:\s*\[\^\d+\])*)?")


def _sentence(text: str, offset: int) -> str:
    """The sentence around ``offset``, with the citations that close it ("... said.[^2]")."""
    for match in _SENTENCE.finditer(text):
        if match.start() <= offset < match.end():
            return match.group()
    return text
