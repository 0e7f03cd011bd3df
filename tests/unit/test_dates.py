import re

import pytest

from generator.dates import (
    DateError,
    DateWords,
    Precision,
    astronomical_year,
    days_in_month,
    display_span,
    historical_year,
    parse_date,
    parse_iso_date,
)


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [
        ("0973", Precision.YEAR, "973"),
        ("1098-12", Precision.MONTH, "December 1098"),
        ("2020-01-29", Precision.DAY, "29 January 2020"),
    ],
)
def test_precision_comes_from_what_the_editor_wrote(text: str, precision: Precision, shown: str) -> None:
    date = parse_date(text)
    assert date.precision is precision
    assert date.display() == shown
    assert date.iso() == text


def test_years_before_1000_sort_before_later_years() -> None:
    dates = [parse_date(t) for t in ["2020-01-29", "1098-12-12", "0973", "1098-11", "1098"]]
    ordered = sorted(dates, key=lambda d: (d.first_day(), d.last_day()))
    assert [d.iso() for d in ordered] == ["0973", "1098", "1098-11", "1098-12-12", "2020-01-29"]


@pytest.mark.parametrize(
    ("start", "end", "approximate", "shown"),
    [
        ("2020-01-28", "2020-01-29", False, "28–29 January 2020"),
        ("1098-11", "1098-12-12", False, "November – 12 December 1098"),
        ("1565", "1566", True, "c. 1565 – 1566"),
        ("1098", None, True, "c. 1098"),
        ("2012-10", None, False, "October 2012"),
    ],
)
def test_spans_are_shown_at_their_precision(
    start: str, end: str | None, approximate: bool, shown: str
) -> None:
    assert display_span(parse_date(start), parse_date(end) if end else None, approximate) == shown


@pytest.mark.parametrize(
    ("text", "says"),
    [("973", "four-digit year"), ("2020-13", "month"), ("2019-02-29", "has 28 days"), ("29/01/2020", "YYYY")],
)
def test_bad_dates_say_what_form_is_expected(text: str, says: str) -> None:
    with pytest.raises(DateError, match=says):
        parse_date(text)


def test_last_day_of_a_month_or_year_covers_the_whole_period() -> None:
    assert parse_date("2011-02").last_day() == (2011, 2, 28)
    assert parse_date("2012").last_day() == (2012, 12, 31)


# ---- years before the common era ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "year", "precision", "iso", "shown", "id_part"),
    [
        ("0350 BCE", -349, Precision.YEAR, "-0349", "350 BCE", "0350-bce"),
        ("0044-03-15 BCE", -43, Precision.DAY, "-0043-03-15", "15 March 44 BCE", "0044-03-15-bce"),
        ("0005-02 BCE", -4, Precision.MONTH, "-0004-02", "February 5 BCE", "0005-02-bce"),
        ("0001 BCE", 0, Precision.YEAR, "0000", "1 BCE", "0001-bce"),
        ("65000000 BCE", -64_999_999, Precision.YEAR, "-64999999", "65,000,000 BCE", "65000000-bce"),
    ],
)
def test_years_before_the_common_era_are_astronomical_inside(
    text: str, year: int, precision: Precision, iso: str, shown: str, id_part: str
) -> None:
    date = parse_date(text)
    assert (date.year, date.precision) == (year, precision)
    assert (date.iso(), date.display(), date.id_part(), date.written()) == (iso, shown, id_part, text)
    assert parse_iso_date(iso) == date  # what machines read back from our exports


def test_years_before_the_common_era_sort_before_later_ones() -> None:
    texts = ["0001", "0001 BCE", "0044-03-15 BCE", "0044 BCE", "0350 BCE", "65000000 BCE", "0973"]
    ordered = sorted((parse_date(t) for t in texts), key=lambda d: (d.first_day(), d.last_day()))
    assert [d.written() for d in ordered] == [
        "65000000 BCE",
        "0350 BCE",
        "0044 BCE",
        "0044-03-15 BCE",
        "0001 BCE",
        "0001",
        "0973",
    ]


def test_leap_years_are_proleptic_gregorian_before_the_common_era() -> None:
    assert parse_date("0001-02-29 BCE").last_day() == (0, 2, 29)  # 1 BCE is year 0: a leap year
    assert parse_date("0005-02 BCE").last_day() == (-4, 2, 29)
    assert parse_date("0002-02 BCE").last_day() == (-1, 2, 28)
    assert days_in_month(-100, 2) == 28 and days_in_month(-400, 2) == 29  # 101 BCE, 401 BCE
    with pytest.raises(DateError, match="February 2 BCE has 28 days"):
        parse_date("0002-02-29 BCE")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-350", "for 350 BCE write '0350 BCE'"),
        ("-0350", "not a minus sign"),
        ("350 BC", "'0350 BCE'"),
        ("350 B.C.", "'0350 BCE'"),
        ("350 b.c.e.", "'0350 BCE'"),
        ("350 BCE", "'0350 BCE'"),
        ("44-03-15 BC", "'0044-03-15 BCE'"),
        ("00350 BCE", "four digits, no more: '0350 BCE'"),
        ("0000", "there is no year 0"),
        ("0000 BCE", "there is no year 0"),
        ("12000", "after 9999"),
    ],
)
def test_near_misses_before_the_common_era_say_the_form_meant(text: str, says: str) -> None:
    with pytest.raises(DateError, match=re.escape(says)):
        parse_date(text)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("0044 BCE", "0014", "44 BCE – 14 CE"),
        ("0350 BCE", "0340 BCE", "350 BCE – 340 BCE"),
        ("0044-03-15 BCE", "0044-03-17 BCE", "15–17 March 44 BCE"),
    ],
)
def test_spans_say_the_era_where_it_changes(start: str, end: str, shown: str) -> None:
    assert display_span(parse_date(start), parse_date(end)) == shown


def test_era_words_and_digit_grouping_come_from_the_language() -> None:
    arabic = DateWords(("كانون الثاني",) * 12, "{year} ق.م", "{year} م", lambda n: f"{n:,}".replace(",", "٬"))
    assert parse_date("65000000 BCE").display(arabic) == "65٬000٬000 ق.م"
    assert parse_date("0350 BCE").display(arabic) == "350 ق.م"
    assert parse_date("0973").display(arabic) == "973"  # a common-era year alone needs no era word


def test_timelinejs_years_count_without_a_year_0() -> None:
    assert [historical_year(y) for y in (-349, 0, 1, 2020)] == [-350, -1, 1, 2020]
    assert [astronomical_year(y) for y in (-350, -1, 0, 1)] == [-349, 0, 0, 1]
