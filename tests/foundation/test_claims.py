"""Claims on invented sentences: who is speaking, what is hedged, and which lines are no claims at all."""

from __future__ import annotations

import pytest

from consilience.ingest.boilerplate import detect_boilerplate
from consilience.ingest.metadata import attach_metadata
from consilience.model import Document
from consilience.nlp.claims import core_text, extract_claims, find_attribution, is_hedged
from consilience.nlp.parse import parse_document


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "The dam was opened on Friday night, according to a senior official at the water ministry.",
            "a senior official at the water ministry",
        ),
        ("According to a senior official, the dam was opened on Friday night.", "a senior official"),
        ("The governor left the capital before dawn, an aide said.", "an aide"),
        (
            "The governor left the capital before dawn, three people familiar with the matter said.",
            "three people familiar with the matter",
        ),
        (
            "The shelters are full, said Jane Doe, director of the Red Lantern relief agency.",
            "Jane Doe, director of the Red Lantern relief agency",
        ),
        ("Officials said the bridge would stay closed until March.", "Officials"),
        ("Three diplomats said that the talks had collapsed.", "Three diplomats"),
        ("Lena Varga told reporters that she had never met him.", "Lena Varga"),
        # the speaker alone, without what the report adds about them
        ("“We ran for the hills,” said Tomas Rieder, 52, who lost his farm in the flood.", "Tomas Rieder"),
        ("“The roof went first,” said a neighbour, who asked not to be named.", "a neighbour"),
        (
            "At the district clinic, nurse Ana Petrov said 40 people were treated overnight.",
            "nurse Ana Petrov",
        ),
        # the speech tag after a closing quotation mark, an adverb after the verb
        ("“Nobody warned us,” Ilse Marr said.", "Ilse Marr"),
        ("“We lost everything,” a farmer said quietly.", "a farmer"),
        # words around the speaker that are not the speaker
        ("The report also recalled that the dam had failed once before.", "the report"),
        ("In 2019 the ministry said the dam was safe.", "the ministry"),
        ("Senior engineer Paul Obi later told reporters the gates had jammed.", "Senior engineer Paul Obi"),
        (
            "The mayor, who according to the report had not attended the meeting, resigned on Monday.",
            "the report",
        ),
    ],
)
def test_attribution_names_who_is_speaking(sentence: str, who: str) -> None:
    assert find_attribution(sentence) == who


@pytest.mark.parametrize(
    "sentence",
    [
        "The convoy was stopped at the border on Tuesday.",
        "Water levels in the reservoir fell by a third over the summer.",
    ],
)
def test_an_unattributed_statement_has_no_attribution(sentence: str) -> None:
    assert find_attribution(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister reportedly resigned on Monday.",
        "The general allegedly ordered the retreat.",
        "The footage could not be independently verified.",
        "The mayor is believed to have left the city.",
        "Rebels were said to have taken the airport.",
        "It was unclear whether the ferry had a licence.",
        "The militia claimed that it had shot down a drone.",
    ],
)
def test_hedged_sentences(sentence: str) -> None:
    assert is_hedged(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor left the city on Monday.",
        "Sales rose by 4 percent in March, the company said.",
        "Officials confirmed that 12 people were rescued.",
        "The owner filed an insurance claim for the sunken ferry.",
    ],
)
def test_plain_statements_are_not_hedged(sentence: str) -> None:
    assert not is_hedged(sentence)


def test_core_text_drops_the_attribution_but_keeps_what_is_claimed() -> None:
    assert (
        core_text("The governor left the capital before dawn, an aide said.")
        == "The governor left the capital before dawn"
    )
    assert core_text("According to a senior official, the dam was opened on Friday night.") == (
        "the dam was opened on Friday night."
    )


REPORT = """Floods cut off mountain villages
By Mara Lindqvist
Heavy rain cut off six villages in the Esk valley on Sunday, the regional emergency service said.
What we know so far
The army has reportedly sent two helicopters to evacuate residents, according to a local councillor.
- Roads into the valley remain closed
Share this article
Officials said power would be restored by Tuesday; engineers were already repairing the lines near the dam.
"""


def _claims() -> list[tuple[str, str | None, bool]]:
    (doc,) = detect_boilerplate([Document(id="floods", text=REPORT)])
    doc = attach_metadata(doc)
    claims = extract_claims(doc, parse_document(doc))
    for c in claims:
        assert REPORT[c.start : c.end] == c.text
    return [(c.text, c.attribution, c.hedged) for c in claims]


def test_headings_bylines_and_widgets_produce_no_claims() -> None:
    texts = " | ".join(text for text, _, _ in _claims())
    for line in (
        "Floods cut off mountain villages",
        "By Mara Lindqvist",
        "What we know so far",
        "Share this article",
    ):
        assert line not in texts, line


def test_a_reports_sentences_become_claims_with_attribution_and_hedging() -> None:
    claims = _claims()
    by_start = {text.split()[0]: (attribution, hedged) for text, attribution, hedged in claims}
    assert by_start["Heavy"] == ("the regional emergency service", False)
    assert by_start["The"] == ("a local councillor", True)
    assert by_start["Officials"][0] == "Officials"
    # two full clauses joined by a semicolon are two claims
    assert any(text.startswith("engineers were already repairing") for text, _, _ in claims)


def _claims_of(text: str) -> list[str]:
    document = Document(id="d", text=text)
    return [c.text for c in extract_claims(document, parse_document(document))]


def test_a_pronoun_speaker_is_the_speaker_named_just_before() -> None:
    text = (
        "A ministry spokeswoman told reporters the dam was inspected in May. "
        "She said the gates would be replaced. "
        "Officials said the road would reopen on Friday. "
        "They said no one was hurt. "
        "He added that the work would take a year."
    )
    document = Document(id="d", text=text)
    who = [c.attribution for c in extract_claims(document, parse_document(document))]
    # "he" does not fit the plural speaker just before it: left as written
    assert who == ["a ministry spokeswoman", "a ministry spokeswoman", "Officials", "Officials", "he"]


def test_a_participial_clause_is_a_claim_of_its_own_with_true_offsets() -> None:
    text = "The ferry left the harbour at dawn, carrying 212 passengers and a crew of nine."
    document = Document(id="d", text=text)
    claims = extract_claims(document, parse_document(document))
    assert [c.text for c in claims] == [
        "The ferry left the harbour at dawn,",
        "carrying 212 passengers and a crew of nine.",
    ]
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_the_sentence_attribution_covers_each_of_its_clauses() -> None:
    text = "The governor fled before dawn, taking two aides with him, a police spokesman said."
    document = Document(id="d", text=text)
    claims = extract_claims(document, parse_document(document))
    assert len(claims) == 2
    assert {c.attribution for c in claims} == {"a police spokesman"}


@pytest.mark.parametrize(
    "text",
    [
        # "including", "according", "following" open no clause of their own
        "The storm damaged several buildings in the old town, including the cathedral and the market hall.",
        "The bridge was closed to all traffic on Monday, according to the regional transport authority.",
        # a quote stays whole
        "“We stayed in the cellar all night, hoping the water would not reach us,” said a resident.",
        # too short on one side to state something
        "He left, smiling.",
        # the participle interrupts its subject: a name alone is no claim
        "Deputy Interior Minister Carla de la Vega, speaking at a press briefing, promised a full inquiry.",
    ],
)
def test_sentences_that_are_not_split(text: str) -> None:
    assert len(_claims_of(text)) == 1


def test_the_report_said_credits_the_one_outlet_a_summary_cites() -> None:
    text = (
        "The mayor resigned on Monday, the report said. "
        "According to the report, the council met in secret, keeping the minutes from the press."
    )
    one = Document(id="d", text=text, cites=("The Harbour Times",))
    claims = extract_claims(one, parse_document(one))
    assert len(claims) == 3
    assert {c.cited_outlet for c in claims} == {"The Harbour Times"}  # clauses inherit it
    two = Document(id="d", text=text, cites=("The Harbour Times", "Radio Delta"))
    assert {c.cited_outlet for c in extract_claims(two, parse_document(two))} == {None}


def test_a_wire_dateline_is_not_a_claim() -> None:
    text = (
        "Ferry sinks off the coast\n"
        "PORT ELLEN, Scotland, May 2 (Reuters) - A ferry sank off the coast on Monday, officials said. "
        "Nine people were rescued.\n"
    )
    document = Document(id="d", text=text)
    claims = extract_claims(document, parse_document(document))
    assert [c.text for c in claims] == [
        "A ferry sank off the coast on Monday, officials said.",
        "Nine people were rescued.",
    ]
    assert all(text[c.start : c.end] == c.text for c in claims)


def test_a_title_abbreviation_does_not_end_a_sentence() -> None:
    text = (
        "By the morning the president had fled, taking only two people with him: the interior minister, "
        "and Brig. Gen. Tomas Varga, head of his guard. They flew north."
    )
    claims = _claims_of(text)
    assert claims[-1] == "They flew north."
    assert any(c.endswith("and Brig. Gen. Tomas Varga, head of his guard.") for c in claims)


def test_a_bracket_inside_a_sentence_does_not_end_it() -> None:
    text = "“With the [recent] find in that field, we can drill another well,” the minister said. Drilling starts in May."
    assert _claims_of(text) == [
        "“With the [recent] find in that field, we can drill another well,” the minister said.",
        "Drilling starts in May.",
    ]
