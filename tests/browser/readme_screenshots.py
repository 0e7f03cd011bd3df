"""Refresh the README's screenshots of the home page (desktop and phone) from the bundled content.

    .venv/bin/python tests/browser/readme_screenshots.py

Builds the site with MkDocs into a temporary folder, serves it and saves the first screen at
1280x800 (drawn at half scale, to keep the file small) and at 390x844 into docs/.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import harness

SHOTS = {"home-desktop.png": (1280, 800, 0.5), "home-phone.png": (390, 844, 1.0)}


def main() -> None:
    docs = harness.REPO_ROOT / "docs"
    docs.mkdir(exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=harness.REPO_ROOT,
            check=True,
        )
        server = harness.serve_directory(site)
        with sync_playwright() as playwright:
            browser = harness.launch_browser(playwright)
            for name, (width, height, scale) in SHOTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=scale
                )
                page = context.new_page()
                page.goto(server.base_url)
                page.screenshot(path=str(docs / name))
                context.close()
            browser.close()
        server.stop()
    for name in SHOTS:
        print(docs / name)


if __name__ == "__main__":
    main()
