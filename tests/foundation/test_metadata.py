"""Metadata found in invented report texts: the report's own outlet, the outlets it cites, title, date."""

from __future__ import annotations

import pytest

from consilience.ingest.metadata import (
    attach_metadata,
    find_cited_outlets,
    find_published,
    find_self_outlet,
    find_title,
)
from consilience.model import Document

BODY = "The harbour master resigned on Monday after a row over dredging contracts."


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (f"{BODY} The decision was final, two port officials told Reuters. A third told Reuters.", "Reuters"),
        (f"VALDEMARSBORG (Reuters) - {BODY}", "Reuters"),
        (f"The Guardian has learned that the harbour master resigned. {BODY}", "The Guardian"),
        (
            f"The Financial Times pieced together the last week of talks from a dozen interviews. {BODY}",
            "Financial Times",
        ),
        (f"{BODY} Reuters could not reach the harbour master for comment.", "Reuters"),
    ],
)
def test_the_outlet_a_report_names_as_its_own(text: str, outlet: str) -> None:
    assert find_self_outlet(text) == outlet


def test_a_source_interviewed_by_another_outlet_does_not_make_it_the_reports_own() -> None:
    text = (
        f"{BODY} Piet Halvorsen, a former deputy, told Al Arabiya TV that the contracts were rigged. "
        "He later told Sky News on Tuesday that he stood by every word."
    )
    assert find_self_outlet(text) is None
    assert "Al Arabiya" in find_cited_outlets(text, None)


def test_a_report_quoting_anothers_interview_keeps_its_own_outlet() -> None:
    text = (
        f"The Guardian has learned that the harbour master resigned. {BODY} "
        "Marta Kessel told Reuters the decision came as a surprise."
    )
    assert find_self_outlet(text) == "The Guardian"


def test_an_unknown_name_before_could_not_is_not_taken_for_an_outlet() -> None:
    assert find_self_outlet(f"{BODY} Officials could not confirm the number of ships delayed.") is None
    assert find_self_outlet(f"{BODY} Ostrand could not say when dredging would resume.") is None


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        (
            f"{BODY} The contracts were signed in secret, according to a report by Al Jazeera.",
            ("Al Jazeera",),
        ),
        (
            f"{BODY} The contracts were signed in secret, according to a report by the Baltic Courier.",
            ("Baltic Courier",),
        ),
        (
            f"{BODY} It was signed in secret, according to an investigation by the Nordland Herald. "
            "The Ostrel Times reported that talks had failed.",
            ("Nordland Herald", "Ostrel Times"),
        ),
        (f"{BODY} Dredging stopped in May, according to the Interior Ministry.", ()),
        (f"{BODY} Dredging stopped in May, according to officials.", ()),
    ],
)
def test_outlets_whose_reporting_is_cited(text: str, cited: tuple[str, ...]) -> None:
    assert find_cited_outlets(text, None) == cited


def test_the_reports_own_outlet_is_never_listed_as_cited() -> None:
    text = f"VALDEMARSBORG (Reuters) - {BODY} Reuters reported last week that talks had stalled."
    assert find_cited_outlets(text, "Reuters") == ()


def test_title_is_a_headline_shaped_first_line() -> None:
    assert (
        find_title(f"Harbour master quits over dredging row\n\n{BODY}\n")
        == "Harbour master quits over dredging row"
    )
    assert find_title(f"{BODY}\nMore text follows here.\n") is None


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (f"Harbour master quits\nPublished: 3 March 2025\n{BODY}", "2025-03-03"),
        (f"Harbour master quits\nUpdated on 14 Jan 2024, 09:30 GMT\n{BODY}", "2024-01-14"),
        (f"Harbour master quits\nPosted March 5, 2023\n{BODY}", "2023-03-05"),
        (f"Harbour master quits\n{BODY} The report was published on 3 March.", None),
    ],
)
def test_publication_date_from_a_published_line(text: str, published: str | None) -> None:
    assert find_published(text) == published


def test_a_records_own_metadata_wins_over_what_the_text_suggests() -> None:
    text = f"Harbour master quits\nPublished: 3 March 2025\nVALDEMARSBORG (Reuters) - {BODY}"
    found = attach_metadata(Document(id="a", text=text))
    assert (found.title, found.outlet, found.published) == ("Harbour master quits", "Reuters", "2025-03-03")
    given = attach_metadata(
        Document(id="a", text=text, title="Given title", outlet="Coastal Ledger", published="2025-03-04")
    )
    assert (given.title, given.outlet, given.published) == ("Given title", "Coastal Ledger", "2025-03-04")
