"""Render 1 MB of adversarial Markdown per pattern and print the time each pattern takes.

Python-Markdown is quadratic in some constructs (see ``generator/markup.py``). Content can
only hand it pieces up to the page limit (``MAX_PAGE_LENGTH``), so each pattern's megabyte is
cut into pieces of that size, each rendered through ``render_markdown`` exactly as the build
renders a page; a piece refused as too costly counts as refused (the build reports it as a
problem naming the file). With linear rendering every pattern takes about as long as ordinary
prose of the same size.

``python -m benchmarks.markdown_adversarial [--megabytes 1] [--pattern NAME ...] [--json FILE]``
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from generator.markup import MAX_PAGE_LENGTH, MarkupError, render_markdown


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _reference_flood(size: int) -> str:
    """Thousands of link definitions, then as many references to them."""
    pieces: list[str] = []
    count = 0
    while sum(map(len, pieces)) < size // 2:
        pieces.append(f"[r{count}]: https://example.org/{count}\n")
        count += 1
    pieces.append("\n")
    pieces.extend(f"[r{index % count}] " for index in range(size // 8))
    return "".join(pieces)[:size]


PROSE = "Government forces took the town, according to [AFP](https://afp.com/). \n\n"


def _spending(head: str) -> Callable[[int], str]:
    return lambda size: (head + "\n\n" + PROSE * (size // len(PROSE) + 1))[:size]


PATTERNS: dict[str, Callable[[int], str]] = {
    "prose (baseline)": _repeat(PROSE),
    "[ run": _repeat("["),
    "![ run": _repeat("!["),
    "[a]( run": _repeat("[a]("),
    "nested [[]]": lambda size: "[" * (size // 2) + "]" * (size // 2),
    "* run": _repeat("*"),
    "_ run": _repeat("_"),
    "*a* emphasis flood": _repeat("*a* "),
    "nested >": _repeat("> "),
    "> > lines": _repeat("> > > > > > > > a\n"),
    "` run": _repeat("`"),
    "`a backticks": _repeat("`a "),
    "< run": _repeat("<"),
    "<a unclosed tags": _repeat("<a "),
    "<http: autolinks": _repeat("<http://"),
    "link-reference flood": _reference_flood,
    "[a](b) link flood": _repeat("[a](b) "),
    "- underline lines": _repeat("-\n"),
    "* * * rule lines": _repeat("* * *\n"),
    # each piece spends just under one budget, then is prose: the worst an accepted page can do
    "[ run, under budget": _spending("[" * 500),
    "*a* flood, under budget": _spending("*a* " * 780),
    "<a tags, under budget": _spending("<a " * 2),
    "nested lists": lambda size: "".join("  " * (i % 40) + "- a\n" for i in range(size // 40))[:size],
}


def run_pattern(make: Callable[[int], str], total: int, piece: int = MAX_PAGE_LENGTH) -> dict[str, float]:
    """Render ``total`` characters of the pattern in pieces of ``piece``; time and outcomes."""
    rendered = refused = 0
    clock = time.perf_counter()
    for start in range(0, total, piece):
        text = make(min(piece, total - start)) + f"\n\npiece {start}\n"  # each piece its own text
        try:
            render_markdown(text)
            rendered += 1
        except MarkupError:
            refused += 1
    return {"seconds": time.perf_counter() - clock, "rendered": rendered, "refused": refused}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--pattern", action="append", choices=sorted(PATTERNS), help="default: all")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    total = int(args.megabytes * 1_000_000)
    results: dict[str, dict[str, float]] = {}
    print(f"{total:,} characters per pattern, in pieces of {MAX_PAGE_LENGTH:,} (the page limit)")
    print(f"{'pattern':<24} {'seconds':>8} {'rendered':>9} {'refused':>8}")
    for name in args.pattern or PATTERNS:
        result = results[name] = run_pattern(PATTERNS[name], total)
        seconds, rendered, refused = result["seconds"], result["rendered"], result["refused"]
        print(f"{name:<24} {seconds:>8.2f} {rendered:>9} {refused:>8}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
