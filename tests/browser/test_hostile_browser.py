"""The site built from hostile-but-valid content runs none of its scripts in a real browser."""

from __future__ import annotations

from pathlib import Path

import harness
import pytest

from generator.build import Builder, BuildOptions

INERT = Path(__file__).resolve().parents[1] / "fixtures" / "hostile" / "inert" / "content"
THEME = Path(__file__).resolve().parents[2] / "theme"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    Builder(INERT, THEME, out, BuildOptions(per_page=5, workers=1), root=INERT.parent).build()
    return out


def test_no_script_from_content_runs(
    hostile_site: Path, static_server: harness.ServeFn, new_page: harness.PageFactory
) -> None:
    base = static_server(hostile_site)
    urls = ["", "about/", "tags/xss/", "actors/attacker/", "places/nowhere/", "eras/everything/"]
    urls += [f"events/{path.stem}/" for path in sorted((INERT / "events").glob("*.yaml"))]
    session = new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: object) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    session.page.on("dialog", on_dialog)
    for url in urls:
        session.goto(base + url)
        session.page.wait_for_load_state("load")
        # give deferred and event-driven script a moment; hover and focus what an attacker targets
        session.page.mouse.move(10, 10)
        session.page.keyboard.press("Tab")
        session.page.wait_for_timeout(50)
        pwned = session.page.evaluate("() => typeof window.__pwned")
        assert pwned == "undefined", f"content script ran on {url}"
    assert dialogs == []
    assert session.errors == [], "\n".join(session.errors)
