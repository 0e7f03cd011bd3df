import pytest

from generator.markup import render_markdown


@pytest.mark.parametrize(
    "text",
    [
        "<script>window.__pwned = 1</script>",
        "[click](javascript:alert(1))",
        '<img src="x" onerror="alert(1)">',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_markdown_cannot_carry_scripts(text: str) -> None:
    html = render_markdown(text)
    for dangerous in ("<script", "javascript:", "onerror", "data:", "style="):
        assert dangerous not in html


def test_ordinary_markdown_survives() -> None:
    html = render_markdown("Said *so*, according to [AFP](https://www.afp.com/).")
    assert "<em>so</em>" in html
    assert 'href="https://www.afp.com/"' in html
