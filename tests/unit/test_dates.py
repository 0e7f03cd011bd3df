import pytest

from generator.dates import DateError, Precision, display_span, parse_date


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
