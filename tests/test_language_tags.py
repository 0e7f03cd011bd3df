"""BCP 47 language tags with a region or script build an edition, and validate agrees with build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import Builder, BuildOptions
from generator.content import read_content
from generator.problems import ContentError

from .conftest import ROOT

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual" / "content"


def content_with_languages(tmp_path: Path, languages: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BILINGUAL, content)
    timeline = content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("languages: [en, ar]", f"languages: {languages}"))
    return content


def test_region_and_script_tags_build_an_edition_each(tmp_path: Path) -> None:
    content = content_with_languages(tmp_path, "[en, ar, fr-CA, pt-BR, zh-Hans]")
    (content / "pages" / "about.fr-CA.md").write_text("---\ntitle: À propos\n---\n\nUne page.\n")
    assert [p for p in read_content(content, tmp_path).problems if p.severity == "error"] == []
    out = tmp_path / "site"
    Builder(content, ROOT / "theme", out, BuildOptions(workers=1), root=tmp_path).build()
    alternates = dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', (out / "index.html").read_text()
        )
    )
    for folder, tag in (("fr-ca", "fr-CA"), ("pt-br", "pt-BR"), ("zh-hans", "zh-Hans")):
        assert f'<html lang="{tag}"' in (out / folder / "index.html").read_text()
        assert alternates[tag] == f"./{folder}/"
    assert "Une page." in (out / "fr-ca" / "about" / "index.html").read_text()


@pytest.mark.parametrize("languages", ["[en, fr-CA, fr-ca]", "[en, 'fr_CA']", "[en, 'x-secret/../..']"])
def test_tags_that_cannot_build_are_rejected_by_validate_and_build_alike(
    tmp_path: Path, languages: str
) -> None:
    content = content_with_languages(tmp_path, languages)
    problems = [p for p in read_content(content, tmp_path).problems if p.severity == "error"]
    assert any(p.field == "languages" for p in problems)
    with pytest.raises(ContentError) as raised:
        Builder(content, ROOT / "theme", tmp_path / "site", BuildOptions(workers=1), root=tmp_path).build()
    assert any(p.field == "languages" for p in raised.value.problems)
