"""Direct quotes and speakers found in small invented reports."""

from __future__ import annotations

from consilience.model import Document, Removed
from consilience.nlp.quotes import find_quotes

from .helpers import parsed_with_people


def quotes_of(
    text: str, people: list[str], removed: tuple[Removed, ...] = ()
) -> list[tuple[str, str | None]]:
    document = Document(id="d", text=text, removed=removed)
    found = find_quotes(document, parsed_with_people(document, people))
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.text, q.speaker) for q in found]


def test_tag_after_the_quote_in_both_orders() -> None:
    text = (
        "Mayor Ana Lindqvist spoke on Monday. “The bridge will reopen in May,” Lindqvist said. "
        '"We are not finished yet," said Piet Brouwer, the chief engineer.'
    )
    assert quotes_of(text, ["Ana Lindqvist", "Lindqvist", "Piet Brouwer"]) == [
        ("The bridge will reopen in May,", "Ana Lindqvist"),
        ("We are not finished yet,", "Piet Brouwer"),
    ]


def test_tag_before_the_quote_and_pronoun_resolution() -> None:
    text = "Kofi Mensah arrived late. He told reporters: “Nobody warned the village about the flood.”"
    assert quotes_of(text, ["Kofi Mensah"]) == [("Nobody warned the village about the flood.", "Kofi Mensah")]


def test_nested_single_quote_belongs_to_the_person_the_speaker_reports() -> None:
    text = (
        "The minister Lena Okafor called the governor Tomas Reyes that night. "
        "“He replied: ‘We will manage on our own’,” Okafor said."
    )
    found = quotes_of(text, ["Lena Okafor", "Okafor", "Tomas Reyes"])
    assert ("He replied: ‘We will manage on our own’,", "Lena Okafor") in found
    assert ("We will manage on our own", "Tomas Reyes") in found


def test_quote_continues_when_the_next_paragraph_reopens_it() -> None:
    text = (
        "“The water came at night and took everything we had.\n"
        "“Nobody came to help us for three days,” said Maria Duarte, a farmer.\n"
    )
    found = quotes_of(text, ["Maria Duarte"])
    assert len(found) == 1
    body, speaker = found[0]
    assert body.startswith("The water came") and body.endswith("three days,")
    assert speaker == "Maria Duarte"


def test_untagged_quote_after_a_tagged_one_keeps_its_speaker() -> None:
    text = "“We lost the harvest,” said Maria Duarte. “Next year we will plant earlier and hope for rain.”"
    assert quotes_of(text, ["Maria Duarte"])[1][1] == "Maria Duarte"


def test_scare_quotes_and_apostrophes_are_not_speech() -> None:
    text = "The group, known as the “Green Front”, said it had the ‘full support’ of farmers' unions and wasn't alone."
    assert quotes_of(text, []) == []


def test_quotes_inside_removed_boilerplate_are_skipped() -> None:
    line = "“Best article I read all week, truly amazing,” wrote a reader."
    text = "The council met on Tuesday.\n" + line
    start = text.index(line)
    assert quotes_of(text, [], (Removed(start, len(text), "comment"),)) == []


def test_interrupted_quote_gives_two_pieces_of_one_speaker() -> None:
    text = "“I told her the dam was weak,” Hugo Baptiste said, “and that the town should leave.”"
    found = quotes_of(text, ["Hugo Baptiste"])
    assert [speaker for _, speaker in found] == ["Hugo Baptiste", "Hugo Baptiste"]
    assert found[1][0] == "and that the town should leave."
