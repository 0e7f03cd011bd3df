"""Organise stage: order, indexes, URLs, pagination, related events, slugs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.build import Builder
from generator.dates import ENGLISH, EventDate
from generator.organise import group_by_era_and_year, organise, paged_url
from generator.overview import lay_out
from generator.plan import Pagination, plan_pages
from generator.render import relative_root
from generator.slugs import slugify

from ..conftest import SMALL, THEME


def small_site():  # type: ignore[no-untyped-def]
    content, _ = Builder(SMALL / "content", THEME, Path("/nonexistent")).load()
    assert content.timeline is not None
    return organise(content.timeline, content.events.values(), content.pages)


def test_events_are_in_date_order_with_coarse_dates_first() -> None:
    site = small_site()
    assert [e.id for e in site.events] == [
        "0973-poet-born", "1098-11-siege-begins", "1098-12-12-siege-ends", "2020-01-29-market-reopens",
    ]  # fmt: skip
    assert site.previous(site.events[0]) is None and site.next(site.events[-1]) is None


def test_indexes_hold_each_event_where_it_belongs() -> None:
    site = small_site()
    assert [e.id for e in site.years[1098].events] == ["1098-11-siege-begins", "1098-12-12-siege-ends"]
    assert [e.id for e in site.eras["modern"].events] == ["2020-01-29-market-reopens"]
    assert len(site.terms["place"]["old-town"].events) == 3
    assert site.terms["place"]["river"].url == "places/river/"
    assert [p.name for p in site.publishers.values()] == ["Example Gazette", "Revue d'exemple"]


def test_related_events_work_both_ways() -> None:
    site = small_site()
    ends, begins = site.event("1098-12-12-siege-ends"), site.event("1098-11-siege-begins")
    assert [e.id for e in site.related(ends)] == [begins.id]
    assert [e.id for e in site.related(begins)] == [ends.id]  # named by the other one


def test_grouping_follows_eras_then_years() -> None:
    site = small_site()
    groups = group_by_era_and_year(site, site.events)
    assert [(era.id if era else None, [year for year, _ in years]) for era, years in groups] == [
        ("old-times", [973, 1098]),
        ("modern", [2020]),
    ]


def test_every_list_is_paginated_and_urls_are_stable() -> None:
    site = small_site()
    plans = plan_pages(site, per_page=2)
    urls = [plan.url for plan in plans]
    assert urls.count("") == 1 and "page/2/" in urls and "page/3/" not in urls
    assert len(urls) == len(set(urls))
    assert (
        paged_url("tags/siege/", 1) == "tags/siege/" and paged_url("tags/siege/", 3) == "tags/siege/page/3/"
    )
    pagination = Pagination(2, 3, "years/1098/")
    assert (pagination.previous_url, pagination.next_url) == ("years/1098/", "years/1098/page/3/")


def test_page_keys_change_only_for_pages_that_show_a_change() -> None:
    site = small_site()
    before = {plan.url: plan.key for plan in plan_pages(site, per_page=2)}
    assert before == {plan.url: plan.key for plan in plan_pages(site, per_page=2)}  # deterministic
    salted = {plan.url: plan.key for plan in plan_pages(site, per_page=2, salt="theme changed")}
    assert all(before[url] != salted[url] for url in before)


def test_slugs_are_ascii_and_stable_even_without_latin_letters() -> None:
    assert slugify("Agence France-Presse via Your Middle East") == "agence-france-presse-via-your-middle-east"
    assert slugify("Revue d'exemple") == "revue-d-exemple"
    arabic = slugify("الجزيرة")
    assert arabic == slugify("الجزيرة") and arabic.startswith("n-") and arabic.isascii()


def test_relative_roots_lead_back_to_the_site_root() -> None:
    assert relative_root("") == "./"
    assert relative_root("events/x/") == "../../"
    assert relative_root("years/2012/page/2/") == "../../../../"


def test_years_before_the_common_era_sort_first_and_get_their_own_year_pages() -> None:
    base = small_site().events[0]
    dated = [
        replace(base, id=f"e{n}", date=EventDate(year))
        for n, year in enumerate((973, -349, 0, 1, -64_999_999))
    ]
    site = organise(small_site().timeline, dated, [])
    assert [event.date.written() for event in site.events] == [
        "65000000 BCE",
        "0350 BCE",
        "0001 BCE",
        "0001",
        "0973",
    ]
    assert [listing.url for listing in site.years.values()] == [
        "years/65000000-bce/",
        "years/0350-bce/",
        "years/0001-bce/",
        "years/0001/",
        "years/0973/",
    ]
    assert site.years[-349].name == "350 BCE"


def test_overview_ticks_are_round_years_as_readers_count_them() -> None:
    """Ticks at 400, 350, 300 BCE (astronomical -399, -349, -299), not at astronomical -400."""
    base = small_site().events[0]
    dated = [replace(base, id=f"e{n}", date=EventDate(year)) for n, year in enumerate(range(-420, -279, 10))]
    overview = lay_out(dated, ())
    assert overview is not None
    labels = [ENGLISH.year(tick.year) for tick in overview.ticks]
    assert labels[0] == "421 BCE" and len(labels) > 2  # a cluster's first year, then round ones
    assert all(label.endswith("0 BCE") for label in labels[1:]), labels
