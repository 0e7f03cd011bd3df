"""Search that scales: bytes per query, recall, build time and memory of three designs.

``python -m benchmarks.search [--sizes 1000,10000,50000] [--pagefind] [--json results.json]``

The corpus is the bundled chronology (content/: 55 real events in English and Arabic) repeated
until it has the wanted number of events, so Arabic queries meet real Arabic text at scale.
Both editions are indexed. For each size:

* ``in-house``  the sharded index the site ships (``generator.search.text_index_files``); bytes
  and results are replayed in Python exactly as ``theme/assets/search.js`` fetches them
  (``benchmarks/search_query.py``; ``tests/browser/test_search.py`` checks the real script);
* ``pagefind-records`` (with ``--pagefind``) Pagefind 1.5.2 fed our records through its Python
  API: the same text (titles, summaries in every language, every name and alias of the event's
  terms), no HTML parsed; bytes and results measured in Chromium with Pagefind's own script.

Pagefind on HTML (the built pages) is not rerun here: it needs the whole site built first and its
figures are in issue 17 (10,000 events: 16.5 s, 1.36 GiB peak, 119 KB a query).

Bytes per query: every file a query fetches until its first page of results is shown (ours: 20
results; Pagefind: 10 results' fragments), uncompressed, with nothing cached. Recall: of the
events a reader looking for the town (place ``maaret-al-numan``) or the Crusaders (actor
``crusaders``) wants, the share the query finds. Time and memory: indexing both editions in a
fresh interpreter (``_measure.py``), content loading excluded from the time, not from the peak.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
DEFAULT_SIZES = (1000, 10_000, 50_000)
BUDGET_KB = 300
# query -> which events a reader typing it wants: (kind, term id)
QUERIES: dict[str, tuple[str, str]] = {
    "الصليبيين": ("actors", "crusaders"),
    "المعرة": ("places", "maaret-al-numan"),
    "معره النعمان": ("places", "maaret-al-numan"),
    "Maarat": ("places", "maaret-al-numan"),
    "Maaret": ("places", "maaret-al-numan"),
    "Ma'arrat": ("places", "maaret-al-numan"),
    "Marat": ("places", "maaret-al-numan"),
    "Crusaders": ("actors", "crusaders"),
}
EDITIONS = ("", "ar/")


def make_corpus(folder: Path, size: int) -> None:
    """content/ with its events repeated (ids suffixed -2, -3, ...) up to ``size`` events."""
    shutil.copytree(CONTENT, folder, ignore=shutil.ignore_patterns("events"))
    events = sorted((CONTENT / "events").glob("*.yaml"))
    (folder / "events").mkdir()
    for number in range(size):
        original = events[number % len(events)]
        copy = number // len(events)
        name = original.name if copy == 0 else f"{original.stem}-{copy + 1}.yaml"
        text = original.read_text(encoding="utf-8")
        if copy:  # related ids point at the first copy, which exists
            text = re.sub(r"^related:.*\n(?:  - .*\n)*", "", text, flags=re.MULTILINE)
        (folder / "events" / name).write_text(text, encoding="utf-8")


# ---- steps, each run in a fresh interpreter through benchmarks._measure ----------------------
def step_inhouse(content: Path, out: Path) -> None:
    """Load, then time the sharded index of every edition (written under ``out``)."""
    from generator.build import Builder
    from generator.localize import localize
    from generator.organise import organise
    from generator.search import text_index_files
    from generator.write import write_bytes

    loaded, _ = Builder(content, REPO / "theme", out).load()
    timeline = loaded.timeline
    assert timeline is not None
    spent, files = 0.0, 0
    for index, language in enumerate(timeline.languages):
        site = organise(*localize(timeline, loaded.events.values(), loaded.pages, language))
        prefix = "" if index == 0 else f"{language}/"
        started = time.perf_counter()  # the index alone: organising is the build's, not search's
        for url, data in text_index_files(site, None, loaded.events, timeline).items():
            write_bytes(out, prefix + url, data)
            files += 1
        spent += time.perf_counter() - started
    figures = {"index_s": spent, "files": files}
    (out / "step.json").write_text(json.dumps(figures), encoding="utf-8")


def _record_text(event: Any, timeline: Any) -> str:
    from generator.markup import plain_text

    names = []
    for kind in ("tag", "actor", "place"):
        for term_id in getattr(event, kind + "s"):
            term = timeline.terms(kind)[term_id]
            names += [term.name, *(t.get("name") for t in term.translations.values()), *term.aliases]
    texts = [event.title, plain_text(event.summary_html)]
    for translation in event.translations.values():
        texts += [translation.get("title"), plain_text(translation.get("summary_html"))]
    return " ".join([*texts, *names])


def _title(event: Any, language: str) -> str:
    translation = event.translations.get(language)
    return str(translation.get("title") if translation else "") or str(event.title)


def step_pagefind(content: Path, out: Path) -> None:
    """Load, then time Pagefind's index of every edition, fed records through its Python API."""
    from pagefind.index import IndexConfig, PagefindIndex

    from generator.build import Builder
    from generator.organise import event_url

    loaded, _ = Builder(content, REPO / "theme", out).load()
    timeline = loaded.timeline
    assert timeline is not None

    async def index_all() -> None:
        for index, language in enumerate(timeline.languages):
            prefix = "" if index == 0 else f"{language}/"
            config = IndexConfig(output_path=str(out / prefix / "pagefind"))
            async with PagefindIndex(config=config) as pagefind:
                # sent together: one awaited round trip per record would time the pipe
                await asyncio.gather(
                    *(
                        pagefind.add_custom_record(
                            url=f"/{prefix}{event_url(event.id)}",
                            content=_record_text(event, timeline),
                            language=language,
                            meta={"title": _title(event, language)},
                        )
                        for event in loaded.events.values()
                    )
                )

    started = time.perf_counter()
    asyncio.run(index_all())
    figures = {"index_s": time.perf_counter() - started}
    (out / "step.json").write_text(json.dumps(figures), encoding="utf-8")


STEPS = {"inhouse": step_inhouse, "pagefind": step_pagefind}


def measure(step: str, content: Path, out: Path) -> dict[str, Any]:
    """Run a step in a fresh interpreter; its own figures plus time and peak memory."""
    with tempfile.TemporaryDirectory() as scratch:
        result = Path(scratch) / "measure.json"
        command = [sys.executable, "-m", "benchmarks._measure", str(result), "benchmarks.search"]
        subprocess.run([*command, "step", step, str(content), str(out)], cwd=REPO, check=True)
        figures: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    figures.update(json.loads((out / "step.json").read_text(encoding="utf-8")))
    return figures


def relevant(content: Path) -> dict[str, dict[str, set[str]]]:
    """(kind, term id) -> the URLs of the events that carry the term, read from the files."""
    from generator.build import Builder
    from generator.organise import event_url

    loaded, _ = Builder(content, REPO / "theme", content.parent / "unused").load()
    wanted: dict[str, dict[str, set[str]]] = {}
    for event in loaded.events.values():
        for kind in ("actors", "places"):
            for term_id in getattr(event, kind):
                wanted.setdefault(kind, {}).setdefault(term_id, set()).add(event_url(event.id))
    return wanted


def inhouse_queries(out: Path, wanted: dict[str, dict[str, set[str]]]) -> dict[str, Any]:
    """Bytes to the first page of results and recall, per edition and query."""
    from generator.search import DOCS_PER_CHUNK

    from .search_query import Replay

    rows = {}
    for edition in EDITIONS:
        replay = Replay(out, edition)
        docs: dict[int, list[Any]] = {}
        for query, (kind, term_id) in QUERIES.items():
            cost = replay.query(query)
            urls = set()
            for number in cost.results:
                chunk = number // DOCS_PER_CHUNK
                if chunk not in docs:
                    docs[chunk] = json.loads((out / edition / f"search/docs/{chunk}.json").read_bytes())
                urls.add(docs[chunk][number % DOCS_PER_CHUNK][0])
            target = wanted[kind][term_id]
            rows[f"{edition or 'en/'}{query}"] = {
                "bytes": cost.bytes,
                "requests": len(cost.files),
                "results": len(cost.results),
                "recall": len(urls & target) / len(target),
            }
    return rows


PAGEFIND_QUERY = """async ([query]) => {
  const pagefind = await import("./pagefind/pagefind.js");
  await pagefind.options({});
  const search = await pagefind.search(query);
  const first = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return {count: search.results.length, first: first.map((d) => d.url)};
}"""
PAGEFIND_ALL = """async ([query]) => {
  const pagefind = await import("./pagefind/pagefind.js");
  const search = await pagefind.search(query);
  return (await Promise.all(search.results.map((r) => r.data()))).map((d) => d.url);
}"""


def _collector(into: list[Any]) -> Any:
    return lambda response: into.append(response)


def pagefind_queries(out: Path, wanted: dict[str, dict[str, set[str]]]) -> dict[str, Any]:
    """Pagefind's bytes to its first ten results and its recall, measured in Chromium."""
    sys.path.insert(0, str(REPO / "tests" / "browser"))
    import harness
    from playwright.sync_api import sync_playwright

    for edition in EDITIONS:
        (out / edition).mkdir(parents=True, exist_ok=True)
        (out / edition / "index.html").write_text("<!doctype html><title>bench</title>", encoding="utf-8")
    server = harness.serve_directory(out)
    rows = {}
    try:
        with sync_playwright() as playwright:
            browser = harness.launch_browser(playwright)
            for edition in EDITIONS:
                for query, (kind, term_id) in QUERIES.items():
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(server.url(edition))
                    responses: list[Any] = []
                    page.on("response", _collector(responses))
                    found = page.evaluate(PAGEFIND_QUERY, [query])
                    mine = [r for r in responses if "/pagefind/" in r.url]
                    fetched = sum(len(r.body()) for r in mine)
                    # "/ar/events/x/" or "/events/x/" -> "events/x/", as event_url() has it
                    every = page.evaluate(PAGEFIND_ALL, [query])
                    urls = {url[url.find("events/") :] for url in every}
                    target = wanted[kind][term_id]
                    rows[f"{edition or 'en/'}{query}"] = {
                        "bytes": fetched,
                        "requests": len(mine),
                        "results": found["count"],
                        "recall": len(urls & target) / len(target),
                    }
                    context.close()
            browser.close()
    finally:
        server.stop()
    return rows


def summary(rows: dict[str, Any]) -> dict[str, Any]:
    values = list(rows.values())
    return {
        "max_kb": max(v["bytes"] for v in values) / 1024,
        "mean_kb": sum(v["bytes"] for v in values) / len(values) / 1024,
        "min_recall": min(v["recall"] for v in values),
        "mean_recall": sum(v["recall"] for v in values) / len(values),
        "zero_result_queries": [k for k, v in rows.items() if not v["results"]],
    }


def run(sizes: list[int], pagefind: bool) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
            content = Path(scratch) / "content"
            make_corpus(content, size)
            wanted = relevant(content)
            options = [("in-house", "inhouse", inhouse_queries)]
            if pagefind:
                options.append(("pagefind-records", "pagefind", pagefind_queries))
            for name, step, queries in options:
                out = Path(scratch) / name
                out.mkdir()
                figures = measure(step, content, out)
                rows = queries(out, wanted)
                results[f"{size}/{name}"] = {
                    "size": size,
                    "option": name,
                    **figures,
                    **summary(rows),
                    "queries": rows,
                }
                print_row(results[f"{size}/{name}"])
    return results


HEADER = (
    f"{'events':>7} {'option':<17} {'index s':>8} {'peak MiB':>9} {'max KB/q':>9} {'mean KB/q':>10}"
    f" {'min recall':>11} {'mean recall':>12}  no results"
)


def print_row(row: dict[str, Any]) -> None:
    print(
        f"{row['size']:>7,} {row['option']:<17} {row['index_s']:>8.2f} {row['peak_mib']:>9.0f}"
        f" {row['max_kb']:>9.1f} {row['mean_kb']:>10.1f} {row['min_recall']:>11.2f}"
        f" {row['mean_recall']:>12.2f}  {', '.join(row['zero_result_queries']) or '-'}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["step"]:
        STEPS[args[1]](Path(args[2]), Path(args[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument(
        "--pagefind", action="store_true", help="also measure Pagefind (pip install pagefind[bin])"
    )
    parser.add_argument("--json", type=Path, help="write every figure here")
    options = parser.parse_args(args)
    if options.pagefind:
        try:
            import pagefind  # noqa: F401
        except ImportError:
            print("pagefind is not installed (pip install -e '.[benchmark]'): measuring ours only")
            options.pagefind = False
    print(HEADER, flush=True)
    results = run([int(size) for size in options.sizes.split(",")], options.pagefind)
    budget = all(row["max_kb"] <= BUDGET_KB for key, row in results.items() if key.endswith("/in-house"))
    print(f"target: first results after at most {BUDGET_KB} KB: {'PASS' if budget else 'FAIL'} (in-house)")
    if options.json:
        options.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
