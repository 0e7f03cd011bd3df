"""A fixture chronology for the reader tests: two editions, four eras, dense and lone years.

Its title and description are as long as a real chronology's, so the first screen is tested
with what a newsroom writes. Written into a temporary folder and built with the
``chronology`` command, so the tests do not depend on the bundled content. Its shape is what
the overview has to cope with: a lone event a millennium early, a cluster of events days apart
(drawn as one mark with a count), and eras whose names are long in one language and short in
the other.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TIMELINE = """\
title: "Example town: a chronology"
description: >-
  A sourced chronology of an example town in a river valley, on the old trade road between two
  cities, from its founding and the poet born there to the war years, the sieges of its old
  quarter and the return of its people in the years of peace.
language: en
languages: [en, ar]
translations:
  ar:
    title: "بلدة المثال: تسلسل زمني"
    description: >-
      تسلسل زمني موثّق لبلدة المثال في وادي النهر، على طريق التجارة القديم بين مدينتين، من
      تأسيسها والشاعر الذي وُلد فيها إلى سنوات الحرب وحصارات حيّها القديم وعودة أهلها في سنوات السلام.
eras:
  - id: founding
    name: Founding
    end: 1899
    translations: {ar: {name: التأسيس}}
  - id: growth
    name: Growth
    start: 1900
    end: 2010
    translations: {ar: {name: النمو}}
  - id: war
    name: War years
    start: 2011
    end: 2019
    translations: {ar: {name: سنوات الحرب}}
  - id: peace
    name: Peace
    start: 2020
    translations: {ar: {name: السلام}}
tags:
  siege:
    name: Sieges
    translations: {ar: {name: حصارات}}
  trade:
    name: Trade
    translations: {ar: {name: تجارة}}
actors:
  council:
    name: Town council
    translations: {ar: {name: مجلس البلدة}}
places:
  old-town:
    name: Old town
    translations: {ar: {name: البلدة القديمة}}
"""

ABOUT = """\
---
title: About
order: 1
---

# About this chronology

An example.

## How it is made

See the [methodology](methodology.md) and the [market event](../events/2015-03-01-event-01/).

### Details

Small print.
"""

METHODOLOGY = """\
---
title: Methodology
order: 2
---

How the events are chosen.
"""

# (date, title word, tag): a lone early event, a dense spring of 2015, years apart afterwards
DATES = [("0973", "poet", "trade"), ("1950-06", "railway", "trade")]
DATES += [(f"2015-03-{day:02d}", f"event-{day:02d}", "siege") for day in range(1, 13)]
DATES += [(f"{year}-05-01", f"year-{year}", "trade") for year in range(2011, 2025)]


def event_yaml(date: str, word: str, tag: str) -> str:
    return f"""\
title: The {word.replace("-", " ")} happens
date: {date}
summary: Something happened in the old town, the council said.
translations:
  ar:
    title: يحدث {word}
    summary: حدث شيء في البلدة القديمة، بحسب المجلس.
tags: [{tag}]
actors: [council]
places: [old-town]
sources:
  - publisher: Example Gazette
    title: Report on the {word.replace("-", " ")}
    url: https://example.org/{word}
    published: 2025-01-01
"""


def write_content(folder: Path) -> Path:
    """The fixture's content folder under ``folder``."""
    content = folder / "content"
    (content / "events").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "timeline.yaml").write_text(TIMELINE, encoding="utf-8")
    (content / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (content / "pages" / "methodology.md").write_text(METHODOLOGY, encoding="utf-8")
    for date, word, tag in DATES:
        (content / "events" / f"{date}-{word}.yaml").write_text(event_yaml(date, word, tag), encoding="utf-8")
    return content


def build(folder: Path) -> Path:
    """Write and build the fixture; returns the site folder."""
    content = write_content(folder)
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(site)],
        check=True,
        cwd=folder,
    )
    return site
