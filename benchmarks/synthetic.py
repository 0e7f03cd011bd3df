"""Synthetic but realistic content folders for the benchmark.

The figures only mean something if the content looks like a real chronology: dates spread over
decades with mixed precision, several tags, actors and places per event, two sources each,
~100-word summaries with a little Markdown, some bodies and related links. Like the bundled
chronology, the site has two editions, English and Arabic (``languages: [en, ar]``): every
title, summary and body, every era, tag, actor and place, the timeline and the prose pages have
an Arabic translation, so the Arabic edition is as heavy as the English one. Everything comes
from seeded ``random.Random`` generators (one for the English text, one for the Arabic, so the
English content does not depend on the translations), so a size and a seed always give
byte-identical files, and the folder passes ``python -m generator validate`` with no errors
and no warnings (checked by the smoke test).

Files are written by hand rather than with ``yaml.dump``: strings go out as JSON strings (valid
YAML double-quoted scalars), which keeps generation fast at 50,000 events and the output stable.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FIRST_DAY = date(1950, 1, 1)
LAST_DAY = date(2024, 12, 31)
# Publication dates are capped here: fixed (not "today") so output is deterministic, and in
# the past so the validator's "published in the future" check never fires.
LATEST_PUBLICATION = date(2025, 1, 31)

ERAS = (  # (id, name, start year or None, end year or None, description)
    ("post-war", "Post-war years", None, 1959, "Reconstruction and the *first* elections."),
    ("sixties", "The sixties", 1960, 1972, "Rapid growth and new parties."),
    ("oil-years", "The oil years", 1973, 1984, "Boom, debt and the first strikes."),
    ("late-cold-war", "Late Cold War", 1985, 1991, "Reform, unrest and the end of the old order."),
    ("transition", "Transition", 1992, 2009, "New institutions, privatisation and migration."),
    ("recent", "Recent years", 2010, None, "Protest movements, pandemics and elections."),
)

TAG_NAMES = (
    "Elections", "Protests", "Strikes", "Floods", "Earthquakes", "Droughts", "Trade", "Treaties",
    "Courts", "Censorship", "Health", "Education", "Railways", "Ports", "Migration", "Refugees",
    "Sieges", "Ceasefires", "Sanctions", "Currency", "Oil", "Agriculture", "Water", "Housing",
    "Religion", "Sport", "Literature", "Music", "Cinema", "Archaeology", "Science", "Aviation",
    "Telecoms", "Police", "Prisons", "Referendums", "Constitutions", "Diplomacy", "Famine",
    "Epidemics",
)  # fmt: skip

FIRST_NAMES = (
    "Amira", "Bashir", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hassan", "Ines", "Jamal",
    "Katya", "Layla", "Marco", "Nadia", "Omar", "Petra", "Rania", "Samir", "Tariq", "Yusuf",
    "Zeynep", "Émile", "Søren", "Łucja", "Najib",
)  # fmt: skip
LAST_NAMES = (
    "Haddad", "Khoury", "Novak", "Rossi", "Demir", "Mansour", "Fischer", "Saleh", "Costa",
    "Nasser", "Petrov", "Aziz", "Moreau", "Yilmaz", "Karam", "Öztürk",
)  # fmt: skip
ORGANISATIONS = (
    "Ministry of Health", "Ministry of Interior", "Central Bank", "National Assembly",
    "Supreme Court", "Port Authority", "Teachers' Union", "Farmers' Cooperative",
    "Red Crescent", "Chamber of Commerce", "Railway Company", "Electoral Commission",
    "Workers' Party", "Liberal Alliance", "Green Movement", "Students' Federation",
    "Journalists' Syndicate", "Water Board", "Army", "City Council",
)  # fmt: skip
SYLLABLES = (
    "al", "bar", "cas", "dor", "el", "far", "gan", "har", "is", "jab", "kar", "lam", "mar",
    "nab", "or", "qal", "ras", "sal", "tar", "um", "vel", "wad", "zah", "bet", "mon", "ter",
)  # fmt: skip
PLACE_KINDS = ("", "", "", " Valley", " Harbour", " Hills", " Old Town", " Bridge", " Plain")

PUBLISHER_PARTS = (
    ("The Daily", "The Evening", "The Weekly", "Morning", "National", "Independent", "Free",
     "Coastal", "Northern", "Southern"),
    ("Chronicle", "Herald", "Courier", "Gazette", "Observer", "Review", "Post", "Tribune"),
)  # fmt: skip
DOMAINS = ("example.org", "example.com", "example.net", "news.example.org", "archive.example.com")
SOURCE_DOMAINS = ("example.org", "example.com", "example.net", "example.edu")  # one site each

VERBS = (
    "announces", "rejects", "signs", "opens", "closes", "postpones", "approves", "suspends",
    "investigates", "celebrates", "disputes", "launches",
)  # fmt: skip
OBJECTS = (
    "a new budget", "the harbour expansion", "emergency measures", "a reform plan",
    "the railway line", "a trade agreement", "the census", "a curfew", "new elections",
    "the water project", "a vaccination campaign", "the university", "a press law",
)  # fmt: skip
WORDS = (
    "residents", "officials", "reported", "according", "witnesses", "the", "council", "said",
    "after", "weeks", "of", "talks", "between", "delegations", "from", "both", "sides", "while",
    "prices", "rose", "sharply", "in", "markets", "across", "region", "critics", "argued",
    "that", "measure", "would", "hurt", "small", "traders", "and", "families", "supporters",
    "called", "it", "overdue", "newspapers", "published", "conflicting", "figures", "on",
    "number", "people", "affected", "some", "estimates", "were", "later", "revised", "downward",
    "by", "independent", "researchers", "who", "examined", "records", "hospitals", "ports",
    "schools", "remained", "closed", "for", "several", "days", "before", "reopening", "under",
    "new", "rules", "a", "spokesperson", "declined", "to", "comment", "further", "heavy", "rain",
    "delayed", "work", "on", "roads", "bridges", "farmers", "protested", "outside", "ministry",
)  # fmt: skip

# The Arabic edition's vocabulary: enough words for realistic text, shaping and bytes (Arabic
# letters are two bytes each in UTF-8, so Arabic pages weigh more than English ones).
AR_WORDS = (
    "السكان", "المسؤولون", "أفادت", "بحسب", "شهود", "المجلس", "قال", "بعد", "أسابيع", "من",
    "المحادثات", "بين", "الوفود", "الطرفين", "بينما", "الأسعار", "ارتفعت", "بشدة", "في",
    "الأسواق", "المنطقة", "المنتقدون", "رأوا", "أن", "الإجراء", "سيضر", "صغار", "التجار",
    "والعائلات", "المؤيدون", "وصفوه", "بأنه", "متأخر", "الصحف", "نشرت", "أرقامًا", "متضاربة",
    "عن", "عدد", "المتضررين", "بعض", "التقديرات", "خُفّضت", "لاحقًا", "باحثون", "مستقلون",
    "درسوا", "سجلات", "المستشفيات", "الموانئ", "المدارس", "ظلت", "مغلقة", "عدة", "أيام", "قبل",
    "إعادة", "فتحها", "وفق", "قواعد", "جديدة", "متحدث", "رفض", "التعليق", "أمطار", "غزيرة",
    "أخّرت", "العمل", "على", "الطرق", "والجسور", "المزارعون", "احتجوا", "أمام", "الوزارة",
)  # fmt: skip
AR_TAG_NAMES = (
    "انتخابات", "احتجاجات", "إضرابات", "فيضانات", "زلازل", "جفاف", "تجارة", "معاهدات",
    "محاكم", "رقابة", "صحة", "تعليم", "سكك حديدية", "موانئ", "هجرة", "لاجئون", "حصارات",
    "وقف إطلاق النار", "عقوبات", "عملة", "نفط", "زراعة", "مياه", "إسكان", "دين", "رياضة", "أدب",
    "موسيقى", "سينما", "آثار", "علوم", "طيران", "اتصالات", "شرطة", "سجون", "استفتاءات",
    "دساتير", "دبلوماسية", "مجاعة", "أوبئة",
)  # fmt: skip
AR_FIRST_NAMES = (
    "أميرة", "بشير", "كارلا", "دميتري", "إليف", "فريد", "غريتا", "حسن", "إيناس", "جمال",
    "كاتيا", "ليلى", "ماركو", "نادية", "عمر", "بترا", "رانيا", "سمير", "طارق", "يوسف",
    "زينب", "إميل", "سورين", "لوتسيا", "نجيب",
)  # fmt: skip
AR_LAST_NAMES = (
    "حداد", "خوري", "نوفاك", "روسي", "دمير", "منصور", "فيشر", "صالح", "كوستا", "ناصر",
    "بيتروف", "عزيز", "مورو", "يلماز", "كرم", "أوزتورك",
)  # fmt: skip
AR_ORGANISATIONS = (
    "وزارة الصحة", "وزارة الداخلية", "المصرف المركزي", "المجلس الوطني", "المحكمة العليا",
    "هيئة الميناء", "نقابة المعلمين", "تعاونية المزارعين", "الهلال الأحمر", "غرفة التجارة",
    "شركة السكك الحديدية", "مفوضية الانتخابات", "حزب العمال", "التحالف الليبرالي",
    "الحركة الخضراء", "اتحاد الطلاب", "نقابة الصحفيين", "مجلس المياه", "الجيش", "مجلس المدينة",
)  # fmt: skip
AR_SYLLABLES = {
    "al": "ال", "bar": "بر", "cas": "كاس", "dor": "دور", "el": "إل", "far": "فار", "gan": "غان",
    "har": "حار", "is": "يس", "jab": "جاب", "kar": "كار", "lam": "لام", "mar": "مار", "nab": "ناب",
    "or": "ور", "qal": "قل", "ras": "راس", "sal": "سال", "tar": "تار", "um": "أم", "vel": "فيل",
    "wad": "واد", "zah": "زاه", "bet": "بيت", "mon": "مون", "ter": "تير",
}  # fmt: skip
AR_PLACE_KINDS = {
    "": "", " Valley": " الوادي", " Harbour": " المرفأ", " Hills": " التلال",
    " Old Town": " البلدة القديمة", " Bridge": " الجسر", " Plain": " السهل",
}  # fmt: skip
AR_VERBS = dict(zip(VERBS, (
    "يعلن", "يرفض", "يوقّع", "يفتتح", "يغلق", "يؤجل", "يقرّ", "يعلّق", "يحقق في", "يحتفل بـ",
    "يعترض على", "يطلق",
), strict=True))  # fmt: skip
AR_OBJECTS = dict(zip(OBJECTS, (
    "ميزانية جديدة", "توسعة المرفأ", "إجراءات طارئة", "خطة إصلاح", "خط السكة الحديدية",
    "اتفاقية تجارية", "التعداد السكاني", "حظر تجول", "انتخابات جديدة", "مشروع المياه",
    "حملة تطعيم", "الجامعة", "قانون المطبوعات",
), strict=True))  # fmt: skip
AR_ERAS = {
    "post-war": ("سنوات ما بعد الحرب", "إعادة الإعمار وأولى الانتخابات."),
    "sixties": ("الستينيات", "نمو سريع وأحزاب جديدة."),
    "oil-years": ("سنوات النفط", "طفرة وديون وأولى الإضرابات."),
    "late-cold-war": ("أواخر الحرب الباردة", "إصلاح واضطرابات ونهاية النظام القديم."),
    "transition": ("المرحلة الانتقالية", "مؤسسات جديدة وخصخصة وهجرة."),
    "recent": ("السنوات الأخيرة", "حركات احتجاج وأوبئة وانتخابات."),
}

SUMMARY_WORDS = 100
PROSE_PAGES = {
    "about": ("About", "What this synthetic chronology is.", 1),
    "method": ("Method", "How events are chosen and sourced.", 2),
}
PROSE_PAGES_AR = {
    "about": ("عن الموقع", "ما هو هذا التسلسل الزمني الاصطناعي."),
    "method": ("المنهجية", "كيف تُختار الأحداث وتوثَّق."),
}


@dataclass(frozen=True)
class Term:
    """A declared tag, actor or place, as written to timeline.yaml, with its Arabic name."""

    id: str
    name: str
    description: str
    lat: float | None = None
    lon: float | None = None
    name_ar: str = ""
    description_ar: str = ""


def _actor_ar(name: str) -> str:
    """The Arabic spelling of a synthetic actor's name (person or organisation)."""
    if name in ORGANISATIONS:
        return AR_ORGANISATIONS[ORGANISATIONS.index(name)]
    first, last = name.split(" ", 1)
    return f"{AR_FIRST_NAMES[FIRST_NAMES.index(first)]} {AR_LAST_NAMES[LAST_NAMES.index(last)]}"


def slugify(text: str, words: int = 6) -> str:
    """Lowercase ASCII words joined by hyphens: the id pattern the validator requires."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    parts = [p for p in re.split(r"[^a-z0-9]+", folded.lower()) if p]
    return "-".join(parts[:words]) or "x"


def _unique(slug: str, taken: set[str]) -> str:
    """Ids must be unique; a clash gets -2, -3 so the generator never writes an invalid folder."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def make_terms(rng: random.Random) -> dict[str, list[Term]]:
    """~40 tags, ~150 actors, ~300 places (half of them with coordinates)."""
    taken: set[str] = set()
    tags = [
        Term(_unique(slugify(n), taken), n, f"Events about {n.lower()}.", None, None, ar, f"أحداث عن {ar}.")
        for n, ar in zip(TAG_NAMES, AR_TAG_NAMES, strict=True)
    ]
    actor_names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(actor_names)
    actor_names = sorted(actor_names[: 150 - len(ORGANISATIONS)]) + list(ORGANISATIONS)
    actors = [
        Term(
            _unique(slugify(n), taken),
            n,
            "" if i % 3 else f"{n}, as named in the sources.",
            name_ar=_actor_ar(n),
            description_ar="" if i % 3 else f"{_actor_ar(n)}، كما تسمّيه المصادر.",
        )
        for i, n in enumerate(actor_names)
    ]
    places = []
    for i in range(300):
        syllables = [rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))]
        kind = rng.choice(PLACE_KINDS)
        name = "".join(syllables).capitalize() + kind
        name_ar = "".join(AR_SYLLABLES[s] for s in syllables) + AR_PLACE_KINDS[kind]
        has_coordinates = i % 2 == 0
        places.append(
            Term(
                _unique(slugify(name), taken),
                name,
                "" if i % 4 else f"A place called {name}.",
                round(rng.uniform(29.0, 37.5), 4) if has_coordinates else None,
                round(rng.uniform(34.0, 42.0), 4) if has_coordinates else None,
                name_ar,
                "" if i % 4 else f"مكان يُدعى {name_ar}.",
            )
        )
    return {"tags": tags, "actors": actors, "places": places}


def publishers(rng: random.Random) -> list[str]:
    """A pool of 60 distinct publisher names (so 60 publisher listing pages)."""
    names = [f"{a} {b}" for a in PUBLISHER_PARTS[0] for b in PUBLISHER_PARTS[1]]
    rng.shuffle(names)
    return sorted(names[:60])


def q(text: str) -> str:
    """A YAML double-quoted scalar: JSON strings are valid YAML and escape everything needed."""
    return json.dumps(text, ensure_ascii=False)


def block(text: str, indent: str = "  ") -> str:
    """A literal block scalar, wrapped like an editor would write it."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines += textwrap.wrap(paragraph, 88, break_long_words=False, break_on_hyphens=False) or [""]
        lines.append("")
    return "|\n" + "\n".join(indent + line if line else "" for line in lines[:-1]) + "\n"


def prose(rng: random.Random, words: int, subjects: list[str], vocabulary: tuple[str, ...] = WORDS) -> str:
    """Sentences of varied filler with a few *emphasis* and [links](https://...)."""
    sentences = []
    count = 0
    while count < words:
        length = rng.randint(9, 20)
        chosen = [rng.choice(vocabulary) for _ in range(length)]
        if rng.random() < 0.6:
            chosen.insert(rng.randrange(len(chosen)), rng.choice(subjects))
        roll = rng.random()
        spot = rng.randrange(len(chosen))
        if roll < 0.15:
            chosen[spot] = f"*{chosen[spot]}*"
        elif roll < 0.25:
            chosen[spot] = f"[{chosen[spot]}](https://{rng.choice(DOMAINS)}/ref/{rng.randrange(10**6)})"
        elif roll < 0.3:
            chosen[spot] = f"**{chosen[spot]}**"
        sentence = " ".join(chosen)
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
        count += length
    return " ".join(sentences)


def random_date(rng: random.Random) -> tuple[str, date]:
    """A date as written (day 70%, month 20%, year 10% precision) and its first day."""
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    roll = rng.random()
    if roll < 0.7:
        return day.isoformat(), day
    if roll < 0.9:
        return f"{day.year:04d}-{day.month:02d}", day.replace(day=1)
    return f"{day.year:04d}", date(day.year, 1, 1)


def timeline_yaml(terms: dict[str, list[Term]]) -> str:
    """content/timeline.yaml: two editions, eras covering every date (first open start, last
    open end), everything translated into Arabic."""
    out = [
        'title: "Synthetic chronology"',
        "description: A *generated* chronology used to benchmark the site generator.",
        "translations:",
        "  ar:",
        '    title: "تسلسل زمني اصطناعي"',
        '    description: "تسلسل زمني *مولَّد* لقياس أداء مولّد الموقع."',
        "language: en",
        "languages: [en, ar]",
        "eras:",
    ]
    for era_id, name, start, end, description in ERAS:
        out += [f"  - id: {era_id}", f"    name: {q(name)}"]
        if start is not None:
            out.append(f'    start: "{start:04d}"')
        if end is not None:
            out.append(f'    end: "{end:04d}"')
        out.append(f"    description: {q(description)}")
        name_ar, description_ar = AR_ERAS[era_id]
        out += ["    translations:", "      ar:", f"        name: {q(name_ar)}"]
        out.append(f"        description: {q(description_ar)}")
    for group, items in terms.items():
        out.append(f"{group}:")
        for term in items:
            out += [f"  {term.id}:", f"    name: {q(term.name)}"]
            if term.description:
                out.append(f"    description: {q(term.description)}")
            if term.lat is not None:
                out += [f"    lat: {term.lat}", f"    lon: {term.lon}"]
            out += ["    translations:", "      ar:", f"        name: {q(term.name_ar)}"]
            if term.description:
                out.append(f"        description: {q(term.description_ar)}")
    return "\n".join(out) + "\n"


def event_yaml(
    rng: random.Random,
    ar_rng: random.Random,
    written: str,
    first: date,
    terms: dict[str, list[Term]],
    pool: list[str],
    earlier: list[str],
) -> tuple[str, str]:
    """One event file's slug-less title and text; ``earlier`` are ids it may relate to."""
    actors = rng.sample(terms["actors"], rng.randint(1, 3))
    places = rng.sample(terms["places"], rng.randint(1, 3))
    tags = rng.sample(terms["tags"], rng.randint(2, 4))
    verb, thing = rng.choice(VERBS), rng.choice(OBJECTS)
    title = f"{actors[0].name} {verb} {thing} in {places[0].name}"
    title_ar = f"{actors[0].name_ar} {AR_VERBS[verb]} {AR_OBJECTS[thing]} في {places[0].name_ar}"
    subjects = [t.name for t in actors + places]
    subjects_ar = [t.name_ar for t in actors + places]
    translation = [f"    title: {q(title_ar)}"]
    translation.append(
        "    summary: " + block(prose(ar_rng, SUMMARY_WORDS, subjects_ar, AR_WORDS), "      ").rstrip("\n")
    )
    lines = [f"title: {q(title)}", f"date: {q(written)}"]
    if written.count("-") == 2 and rng.random() < 0.05:
        lines.append(f"end: {q((first + timedelta(days=rng.randint(1, 30))).isoformat())}")
    if len(written) == 4 and rng.random() < 0.5:
        lines.append("approximate: true")
    lines.append("summary: " + block(prose(rng, SUMMARY_WORDS, subjects)).rstrip("\n"))
    if rng.random() < 0.2:
        body = prose(rng, 60, subjects) + "\n\n" + prose(rng, 60, subjects)
        lines.append("body: " + block(body).rstrip("\n"))
        body_ar = prose(ar_rng, 60, subjects_ar, AR_WORDS) + "\n\n" + prose(ar_rng, 60, subjects_ar, AR_WORDS)
        translation.append("    body: " + block(body_ar, "      ").rstrip("\n"))
    for group, chosen in (("tags", tags), ("actors", actors), ("places", places)):
        lines.append(f"{group}: [{', '.join(t.id for t in chosen)}]")
    lines.append("sources:")
    # two independent reports: different publishers on different sites (validate warns when
    # two sources of one event share a domain)
    domains = rng.sample(SOURCE_DOMAINS, 2)
    for publisher, domain in zip(rng.sample(pool, 2), domains, strict=True):
        published = min(first + timedelta(days=rng.randint(0, 400)), LATEST_PUBLICATION)
        lines += [
            f"  - publisher: {q(publisher)}",
            f"    title: {q(title + ' (' + publisher.split()[-1] + ')')}",
            f"    url: https://{domain}/{first.year}/{slugify(title)}-{rng.randrange(10**6)}",
            f"    published: {q(published.isoformat())}",
        ]
        if rng.random() < 0.2:
            lines.append(
                f"    archive_url: https://web.archive.org/web/{first.year + 1}/https://example.org/a"
            )
        if rng.random() < 0.1:
            lines.append(f"    language: {rng.choice(('fr', 'ar', 'tr', 'de'))}")
    if earlier and rng.random() < 0.1:
        related = sorted(set(rng.choice(earlier[-200:]) for _ in range(rng.randint(1, 2))))
        lines.append(f"related: [{', '.join(related)}]")
    lines += ["translations:", "  ar:", *translation]
    return title, "\n".join(lines) + "\n"


def page_text(title: str, description: str, order: int, rng: random.Random, arabic: bool = False) -> str:
    """A prose page with front matter, a heading and two paragraphs (``about.ar.md`` in Arabic)."""
    vocabulary, subjects, heading = (
        (AR_WORDS, ["المحررون"], "تفاصيل") if arabic else (WORDS, ["the editors"], "Details")
    )
    return (
        f"---\ntitle: {title}\ndescription: {description}\norder: {order}\n---\n"
        f"{prose(rng, 60, subjects, vocabulary)}\n\n## {heading}\n\n{prose(rng, 80, subjects, vocabulary)}\n"
    )


def generate(folder: Path, count: int, seed: int = 1) -> None:
    """Write a valid content folder of ``count`` events into ``folder`` (the content dir)."""
    rng = random.Random(seed)
    ar_rng = random.Random(f"{seed}-ar")  # the translations: the English text stays as it was
    terms = make_terms(rng)
    pool = publishers(rng)
    (folder / "events").mkdir(parents=True, exist_ok=True)
    (folder / "pages").mkdir(parents=True, exist_ok=True)
    (folder / "timeline.yaml").write_text(timeline_yaml(terms), encoding="utf-8")
    dates = sorted((random_date(rng) for _ in range(count)), key=lambda d: (d[1], d[0]))
    taken: set[str] = set()
    earlier: list[str] = []
    for written, first in dates:
        title, text = event_yaml(rng, ar_rng, written, first, terms, pool, earlier)
        event_id = _unique(f"{written}-{slugify(title)}", taken)
        (folder / "events" / f"{event_id}.yaml").write_text(text, encoding="utf-8")
        earlier.append(event_id)
    for slug, (title, description, order) in PROSE_PAGES.items():
        (folder / "pages" / f"{slug}.md").write_text(page_text(title, description, order, rng), "utf-8")
        title_ar, description_ar = PROSE_PAGES_AR[slug]
        text_ar = page_text(title_ar, description_ar, order, ar_rng, arabic=True)
        (folder / "pages" / f"{slug}.ar.md").write_text(text_ar, "utf-8")


def main() -> None:
    """``python -m benchmarks.synthetic FOLDER COUNT [--seed N]``: generate content by hand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
