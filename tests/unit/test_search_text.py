"""Search folds Arabic and transliterated names the way readers type them (issue 15, point 4)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.search_query import Replay, decode
from generator.build import Builder, BuildOptions
from generator.search import DOCS_PER_CHUNK, encode_postings, fold, search_terms

from ..conftest import ROOT, THEME

BILINGUAL = ROOT / "tests" / "fixtures" / "bilingual" / "content"
SEARCH_JS = ROOT / "theme" / "assets" / "search.js"
# spellings a reader may type, and spellings content may hold; each pair must meet
SAME_TERMS = [
    ("المعرة", "معرة"),
    ("معره", "مَعَرَّة"),
    ("بالمعرة", "المعرة"),
    ("وللمعرة", "معرة"),
    ("الصليبيين", "الصليبيون"),
    ("إدلب", "ادلب"),
    ("أحرار", "احرار"),
    ("مستشفى", "مستشفي"),
    ("حـــلب", "حلب"),
    ("Ma'arrat", "maarrat"),
    ("Ma’arrat", "MAARRAT"),
    ("Ḥamā", "hama"),
]
SAMPLES = [
    "Maaret al-Numan, Ma'arrat al-Nu‘man",
    "حاصر الصليبيون مَعَرَّةَ النُّعمان عام 1098 وارتكبوا مجزرةً بالمعرّة",
    "إسقاط البراميل على المستشفى؛ فالمدينة ولمدارسها وكالمعتاد",
    "Café Ḥamā — ٱلْقُرْآن ـ tatweel حـــلب",
]


@pytest.mark.parametrize(("typed", "written"), SAME_TERMS)
def test_spellings_readers_type_find_the_forms_content_holds(typed: str, written: str) -> None:
    assert search_terms(typed) == search_terms(written)


def test_folding_drops_diacritics_and_letter_variants() -> None:
    assert fold("أَإِآٱ ى ة ـ") == "اااا ي ه "
    assert search_terms("the siege of the town") == ["siege", "town"]  # stop words carry no weight


def node_terms(texts: list[str]) -> list[list[str]]:
    """search.js's searchTerms() on ``texts``, run by Node with a stub page."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        "global.window = {}; global.document = {querySelector: () => null,"
        " body: {getAttribute: () => ''}, documentElement: {lang: 'en'}};"
        f"require({json.dumps(str(SEARCH_JS))});"
        f"console.log(JSON.stringify({json.dumps(texts)}.map(window.chronologySearchTerms)));"
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_the_browser_folds_queries_exactly_as_the_index_was_folded() -> None:
    texts = SAMPLES + [text for pair in SAME_TERMS for text in pair]
    assert node_terms(texts) == [search_terms(text) for text in texts]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    Builder(BILINGUAL, THEME, out, BuildOptions(workers=1), root=BILINGUAL.parent).build()
    return out


def titles(site: Path, edition: str, query: str) -> list[str]:
    """The titles search.js would show for ``query``, best first."""
    found = []
    for number in Replay(site, edition).query(query).results:
        rows = json.loads((site / edition / f"search/docs/{number // DOCS_PER_CHUNK}.json").read_bytes())
        found.append(rows[number % DOCS_PER_CHUNK][1])
    return found


@pytest.mark.parametrize("edition", ["", "ar/"])
@pytest.mark.parametrize("query", ["المعرة", "معره النعمان", "Maarat", "Ma'arrat", "Marat", "الصليبيين"])
def test_arabic_forms_and_transliterations_find_the_town_in_both_editions(
    site: Path, edition: str, query: str
) -> None:
    # the aliases of the place "old-town"; the Arabic summary of the siege's start
    assert titles(site, edition, query), f"{query!r} found nothing in the {edition or 'main'} edition"


def test_results_come_in_the_edition_language_with_title_matches_first(site: Path) -> None:
    assert titles(site, "ar/", "الصليبيين") == ["بدء الحصار"]
    assert titles(site, "", "siege") == ["The siege begins", "The siege ends"]
    assert titles(site, "", "siege massacre") == ["The siege ends"]
    assert titles(site, "", "nothing-like-this") == []


def test_an_alias_is_searched_but_never_shown(site: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert not any("Ma&#39;arrat al-Nu&#39;man" in page or "Ma'arrat al-Nu'man" in page for page in pages)


@pytest.mark.parametrize(
    "numbers", [[], [3], [0, 1, 2, 3, 5, 8, 13, 21], list(range(0, 600, 2)), list(range(599))]
)
def test_postings_are_written_as_gaps_or_a_bitmap_whichever_is_smaller(numbers: list[int]) -> None:
    encoded = encode_postings(numbers, 600)
    assert decode(json.loads(encoded)) == numbers
    assert len(encoded) <= max(len(json.dumps(numbers)), 600 // 6 + 2)
    assert isinstance(json.loads(encoded), str) == (len(numbers) >= 300)  # dense lists become bitmaps
