"""Does the test suite survive other content? Run it on a copy of the repository whose content a
fork has replaced.

Not collected by pytest (it runs the whole suite twice, which takes many minutes). Run it by hand
after moving or adding tests:

    .venv/bin/python tests/fork_check.py            # the events and vocabulary variants
    .venv/bin/python tests/fork_check.py paged tests/content tests/browser/test_content_site.py

``events``: content/events is replaced by 25 fictional, translated events that use the bundled
vocabulary (the ids declared in content/timeline.yaml). ``vocabulary``: content/timeline.yaml and
content/pages are replaced too (other title, eras, tags, actors, places; no methodology page).
``paged``: as ``events``, with 7 events a page, so every listing continues on page/2/ and beyond.
Other arguments are passed to pytest.
Everything written here is fictional test data with example.org sources. Exit status 0 when the
suite passes in every variant.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("events", "vocabulary", "paged")

# (date, slug, English title, Arabic title): twenty-five fictional events of a fictional town.
EVENTS = [
    ("0850", "caravan-station-founded", "A caravan station is founded", "تأسيس محطة للقوافل"),
    ("1120-05", "stone-bridge-built", "A stone bridge is built over the river", "بناء جسر حجري فوق النهر"),
    ("1187", "town-wall-repaired", "The town wall is repaired", "ترميم سور البلدة"),
    (
        "1402-03-15",
        "flood-destroys-lower-market",
        "A flood destroys the lower market",
        "فيضان يدمّر السوق السفلي",
    ),
    ("1530", "public-bath-opens", "A public bath opens", "افتتاح حمّام عام"),
    (
        "1689-08-02",
        "earthquake-damages-mosque",
        "An earthquake damages the great mosque",
        "زلزال يصيب الجامع الكبير",
    ),
    ("1754", "calligraphy-school-founded", "A school of calligraphy is founded", "تأسيس مدرسة للخط"),
    ("1821-10", "printing-press-arrives", "The first printing press arrives", "وصول أول مطبعة"),
    ("1890-04-11", "railway-station-opens", "The railway station opens", "افتتاح محطة القطار"),
    ("1912", "cholera-outbreak", "An outbreak of cholera closes the schools", "تفشّي الكوليرا يغلق المدارس"),
    (
        "1936-06-01",
        "general-strike",
        "Shopkeepers join a general strike",
        "أصحاب المتاجر ينضمّون إلى إضراب عام",
    ),
    ("1948-02", "first-cinema-opens", "The first cinema opens", "افتتاح أول دار سينما"),
    ("1963-09-30", "dam-completed", "The dam upstream is completed", "اكتمال السدّ في أعلى النهر"),
    ("1977", "citadel-excavated", "Archaeologists excavate the citadel", "علماء آثار ينقّبون في القلعة"),
    (
        "1985-03-21",
        "spring-festival-record",
        "The spring festival draws record crowds",
        "مهرجان الربيع يجتذب حشودًا قياسية",
    ),
    ("1999-11-05", "textile-factory-closes", "The textile factory closes", "إغلاق مصنع النسيج"),
    ("2004-07", "museum-reopens", "The museum reopens after restoration", "إعادة افتتاح المتحف بعد ترميمه"),
    ("2008-01-14", "snow-cuts-roads", "Heavy snow cuts the roads for a week", "ثلوج كثيفة تقطع الطرق أسبوعًا"),
    (
        "2011-05-20",
        "protest-in-main-square",
        "Residents protest in the main square",
        "سكان يحتجّون في الساحة الرئيسية",
    ),
    ("2013-08-09", "residents-leave", "Residents leave as fighting nears", "سكان يغادرون مع اقتراب القتال"),
    ("2015-12", "water-shortage", "A water shortage lasts through the winter", "شحّ المياه يستمر طوال الشتاء"),
    ("2018-04-02", "market-rebuilt", "The covered market is rebuilt", "إعادة بناء السوق المسقوف"),
    (
        "2020-10-10",
        "manuscripts-digitised",
        "The library digitises its manuscripts",
        "المكتبة ترقمن مخطوطاتها",
    ),
    (
        "2023-02-06",
        "earthquake-old-quarter",
        "An earthquake damages the old quarter",
        "زلزال يلحق أضرارًا بالحي القديم",
    ),
    ("2025-03-01", "families-return", "The first families return", "عودة أولى العائلات"),
]

VOCABULARY = {
    "title": "Qasr Zeytun (fictional test chronology)",
    "description": "A fictional town's history, made up to test that the suite survives other content.",
    "translations": {
        "ar": {
            "title": "قصر زيتون (تسلسل زمني تجريبي متخيَّل)",
            "description": "تاريخ بلدة متخيَّلة، وُضع لاختبار أن الاختبارات تصمد أمام محتوى آخر.",
        }
    },
    "language": "en",
    "languages": ["en", "ar"],
    "eras": [
        {
            "id": "caravan-age",
            "name": "The caravan age",
            "end": "1499",
            "translations": {"ar": {"name": "عصر القوافل"}},
        },
        {
            "id": "guild-town",
            "name": "The guild town",
            "start": "1500",
            "end": "1913",
            "translations": {"ar": {"name": "بلدة الطوائف الحرفية"}},
        },
        {
            "id": "modern-town",
            "name": "The modern town",
            "start": "1914",
            "end": "2009",
            "translations": {"ar": {"name": "البلدة الحديثة"}},
        },
        {
            "id": "recent-years",
            "name": "Recent years",
            "start": "2010",
            "translations": {"ar": {"name": "السنوات الأخيرة"}},
        },
    ],
    "tags": {
        "trade": ("Trade", "التجارة"),
        "water": ("Water and the river", "الماء والنهر"),
        "learning": ("Schools and books", "المدارس والكتب"),
        "disaster": ("Disasters", "الكوارث"),
        "festivals": ("Festivals", "المهرجانات"),
        "conflict": ("Conflict", "النزاع"),
    },
    "actors": {
        "town-council": ("Town council", "مجلس البلدة"),
        "merchants-guild": ("Merchants' guild", "نقابة التجار"),
        "river-authority": ("River authority", "هيئة النهر"),
        "residents": ("Residents", "السكان"),
    },
    "places": {
        "old-quarter": ("Old quarter", "الحي القديم"),
        "river-port": ("River port", "ميناء النهر"),
        "citadel": ("Citadel", "القلعة"),
        "lower-market": ("Lower market", "السوق السفلي"),
    },
}

ABOUT = {
    "about.md": "---\ntitle: About\norder: 1\n---\n\n# About\n\nA fictional chronology: test data.\n",
    "about.ar.md": "---\ntitle: حول\norder: 1\n---\n\n# حول\n\nتسلسل زمني متخيَّل، وُضع بيانات للاختبار.\n",
}


def timeline_yaml() -> dict[str, object]:
    """The ``vocabulary`` variant's timeline.yaml: every term described and translated."""
    data: dict[str, object] = {k: v for k, v in VOCABULARY.items() if k not in ("tags", "actors", "places")}
    for group in ("tags", "actors", "places"):
        terms = VOCABULARY[group]
        assert isinstance(terms, dict)
        data[group] = {
            term: {
                "name": en,
                "description": f"Fictional: {en.lower()}.",
                "translations": {"ar": {"name": ar, "description": f"متخيَّل: {ar}."}},
            }
            for term, (en, ar) in terms.items()
        }
    return data


def write_events(folder: Path, timeline: dict[str, object]) -> None:
    """Twenty-five translated events that use the ids declared in ``timeline``."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    tags, actors, places = (list(timeline[g]) for g in ("tags", "actors", "places"))  # type: ignore[call-overload]
    for index, (when, slug, title, arabic) in enumerate(EVENTS):
        event_id = f"{when}-{slug}"
        event = {
            "title": title,
            "date": when,
            "summary": f"Fictional test event: {title.lower()}, as a made-up chronicle tells it.",
            "tags": [tags[index % len(tags)], tags[(index + 1) % len(tags)]],
            "actors": [actors[index % len(actors)]],
            "places": [places[index % len(places)]],
            "sources": [
                {
                    "publisher": ["Example Herald", "Sample Chronicle", "Test Review"][index % 3],
                    "title": f"{title} (test article)",
                    "url": f"https://example.org/{slug}?n={index}&lang=en",
                    "published": "2025-06-01",
                }
            ],
            "translations": {"ar": {"title": arabic, "summary": f"حدث تجريبي متخيَّل: {arabic}."}},
        }
        if index:
            event["related"] = [f"{EVENTS[index - 1][0]}-{EVENTS[index - 1][1]}"]
        text = yaml.safe_dump(event, allow_unicode=True, sort_keys=False)
        (folder / f"{event_id}.yaml").write_text(text, encoding="utf-8")


def make_fork(variant: str, target: Path) -> None:
    """Copy the tracked files of the repository and replace its content as a fork would."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    if (ROOT / "node_modules").is_dir():
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    content = target / "content"
    if variant == "vocabulary":
        timeline = timeline_yaml()
        text = yaml.safe_dump(timeline, allow_unicode=True, sort_keys=False)
        (content / "timeline.yaml").write_text(text, encoding="utf-8")
        shutil.rmtree(content / "pages")
        (content / "pages").mkdir()
        for name, page in ABOUT.items():
            (content / "pages" / name).write_text(page, encoding="utf-8")
        mkdocs = target / "mkdocs.yml"
        mkdocs.write_text(
            re.sub(r"(?m)^site_name: .*$", f'site_name: "{VOCABULARY["title"]}"', mkdocs.read_text())
        )
    else:
        timeline = yaml.safe_load((content / "timeline.yaml").read_text(encoding="utf-8"))
    if variant == "paged":
        mkdocs = target / "mkdocs.yml"
        mkdocs.write_text(re.sub(r"(?m)^(\s+per_page:) \d+$", r"\1 7", mkdocs.read_text()))
        assert "per_page: 7" in mkdocs.read_text()
    write_events(content / "events", timeline)


def run_suite(variant: str, pytest_args: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix=f"fork-{variant}-") as folder:
        fork = Path(folder)
        make_fork(variant, fork)
        env = os.environ | {"SCREENSHOT_DIR": str(fork / "screenshots")}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args]
        print(f"== {variant}: {' '.join(command)} in {fork}", flush=True)
        done = subprocess.run(command, cwd=fork, env=env, capture_output=True, text=True, check=False)
        lines = done.stdout.strip().splitlines()
        failures = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        print("\n".join(failures + lines[-1:]), flush=True)
        return done.returncode


def main(argv: list[str]) -> int:
    variants = [a for a in argv if a in VARIANTS] or ["events", "vocabulary"]
    pytest_args = [a for a in argv if a not in VARIANTS]
    codes = {variant: run_suite(variant, pytest_args) for variant in variants}
    print(codes)
    return max(codes.values())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
