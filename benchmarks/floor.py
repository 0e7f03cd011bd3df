"""The floor: the least work any YAML-to-HTML generator must do for these events.

Load every event file with LibYAML (``CSafeLoader``) and render one small Jinja2 page per event
and edition to its own file, in one process: the main language at ``<id>/``, each translation
(``translations: {ar: ...}``) at ``ar/<id>/``, as the real build's editions are. The real
build does much more (validation, Markdown, indexes, listings), so "N x the floor", measured
in the same run on the same machine, is a machine-independent way to say how much that extra work costs.

``python -m benchmarks.floor CONTENT OUT``
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import yaml

TEMPLATE = Path(__file__).resolve().parent / "floor.html"


def build_floor(content: Path, out: Path) -> int:
    """Render every event of ``content`` into ``out/<id>/index.html`` and each of its
    translations into ``out/<language>/<id>/index.html``; returns the page count."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)), autoescape=True)
    template = environment.get_template(TEMPLATE.name)
    count = 0
    for path in sorted((content / "events").glob("*.yaml")):
        with path.open("rb") as handle:
            data = yaml.load(handle, Loader=yaml.CSafeLoader)
        editions = [
            ("", data),
            *((f"{lang}/", text) for lang, text in (data.get("translations") or {}).items()),
        ]
        for prefix, text in editions:
            target = out / f"{prefix}{path.stem}"
            target.mkdir(parents=True, exist_ok=True)
            html = template.render(
                title=text["title"], date=data["date"], summary=text["summary"], sources=data["sources"]
            )
            (target / "index.html").write_text(html, encoding="utf-8")
            count += 1
    return count


def main(argv: list[str]) -> int:
    """Command line wrapper so ``_measure`` can run the floor like any other step."""
    if len(argv) != 2:
        print("usage: python -m benchmarks.floor CONTENT OUT", file=sys.stderr)
        return 2
    count = build_floor(Path(argv[0]), Path(argv[1]))
    print(f"floor: {count} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
