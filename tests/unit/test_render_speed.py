"""The render stage's shortcuts keep Jinja's meaning and do not creep back into per-page work.

Speed is measured by the benchmark (benchmarks/), not here; these tests check the two things a
shortcut could break: what a template call returns, and that work done once per build (loading
a language's strings) is not done again on every page.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator import render
from generator.build import Builder, BuildOptions
from generator.theming import Theme

from ..conftest import FIXTURES


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(autoescape=True)
    environment.context_class = render._Context
    return environment


def test_plain_functions_methods_and_macros_are_called_with_their_arguments() -> None:
    class Shelf:
        def label(self, name: str, *, suffix: str = "") -> str:
            return f"<{name}>{suffix}"

    template = _environment().from_string(
        "{% macro box(x) %}[{{ x }}]{% endmacro %}"
        "{{ upper('a') }} {{ shelf.label('b', suffix='!') }} {{ box(1) }} {{ join(['c', 'd']) }}"
    )
    html = template.render(upper=str.upper, shelf=Shelf(), join=", ".join)
    assert html == "A &lt;b&gt;! [1] c, d"


def test_pass_context_and_pass_environment_still_receive_them() -> None:
    @jinja2.pass_context
    def who(context: jinja2.runtime.Context) -> str:
        return str(context["name"])

    @jinja2.pass_environment
    def escaping(environment: jinja2.Environment) -> str:
        return str(environment.autoescape)

    class Callable:
        @jinja2.pass_context
        def __call__(self, context: jinja2.runtime.Context) -> str:
            return "called with " + str(context["name"])

    template = _environment().from_string("{{ who() }} {{ escaping() }} {{ thing() }}")
    assert template.render(who=who, escaping=escaping, thing=Callable(), name="x") == "x True called with x"


def test_a_stop_iteration_is_undefined_as_in_jinja() -> None:
    def empty() -> object:
        raise StopIteration

    environment = _environment()
    environment.undefined = jinja2.ChainableUndefined
    assert environment.from_string("[{{ empty() }}]").render(empty=empty) == "[]"


def test_each_language_is_loaded_once_per_build_not_once_per_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[str] = []
    original = render.load_locale

    def counting(theme: Theme, language: str) -> object:
        loaded.append(language)
        return original(theme, language)

    monkeypatch.setattr(render, "load_locale", counting)
    content = FIXTURES / "town" / "content"
    builder = Builder(content, Theme.with_overrides(), tmp_path, BuildOptions(workers=1))
    report = builder.build()
    assert report.pages_rendered > 50
    # each edition's renderer loads its own language and, for the language switch, the other's
    assert sorted(loaded) == ["ar", "ar", "en", "en"]


def test_each_worker_renders_whole_editions_when_there_are_enough_of_them() -> None:
    from generator.build import render_shares

    jobs = [object(), object()]  # two editions
    assert render_shares(jobs, 2) == [(0, 0, 1), (1, 0, 1)]  # an edition per worker, every page
    assert render_shares(jobs, 1) == [(0, 0, 1), (1, 0, 1)]
    assert render_shares(jobs[:1], 2) == [(0, 0, 2), (0, 1, 2)]  # one edition: halves
    shares = render_shares(jobs, 3)  # more workers than editions: each edition split in two
    assert shares == [(0, 0, 2), (0, 1, 2), (1, 0, 2), (1, 1, 2)]


def test_a_parallel_build_renders_every_page_once_and_the_bar_counts_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from generator.progress import Progress

    monkeypatch.setattr("generator.build.PARALLEL_THRESHOLD", 1)
    content = FIXTURES / "town" / "content"
    builder = Builder(content, Theme.with_overrides(), tmp_path, BuildOptions(workers=2))
    builder.progress = Progress("pages", stream=io.StringIO(), enabled=False)
    report = builder.build()
    assert report.pages_rendered == report.pages_planned
    assert len(list(tmp_path.rglob("*.html"))) == report.pages_planned
    # the bar counts every file the workers make: the pages and the events' share images
    assert builder.progress.done == report.pages_planned + len(list(tmp_path.rglob("share.png")))
