"""Boilerplate on invented reports: site furniture is reported as removed, the article's own lines are kept."""

from __future__ import annotations

import pytest

from consilience.ingest.boilerplate import detect_boilerplate, is_emoji_row, is_heading, is_related_headline
from consilience.model import Document

ARTICLE = """Storm closes mountain pass
The regional road authority closed the Varn mountain pass on Wednesday after an avalanche buried a section of the highway near the village of Ostrel.
Share this article
Share | Tweet | Email | Print
Rescue teams worked through the night to reach three trucks trapped on the road, a spokesman for the authority said.
Read more: Avalanche risk rises across the northern valleys
Background
The Changing Face of Alpine Tourism After a Decade of Warm Winters
Engineers said the pass would reopen once the slope had been secured with explosives.
What happens next
Sign up for our morning newsletter and never miss a story
👍 ❤️ 😂 😮 😢 😡
12 Comments
Leave a comment
"""


def _removed(text: str) -> dict[str, str]:
    (doc,) = detect_boilerplate([Document(id="a", text=text)])
    return {text[r.start : r.end]: r.reason for r in doc.removed}


def test_widgets_prompts_emoji_and_pasted_headlines_are_removed_with_their_reason() -> None:
    removed = _removed(ARTICLE)
    assert removed == {
        "Share this article": "share/comment widget",
        "Share | Tweet | Email | Print": "share/comment widget",
        "Read more: Avalanche risk rises across the northern valleys": "related headline",
        "The Changing Face of Alpine Tourism After a Decade of Warm Winters": "related headline",
        "Sign up for our morning newsletter and never miss a story": "newsletter prompt",
        "👍 ❤️ 😂 😮 😢 😡": "emoji row",
        "12 Comments": "share/comment widget",
        "Leave a comment": "share/comment widget",
    }


def test_the_article_itself_is_kept_headline_headings_and_sentences() -> None:
    removed = _removed(ARTICLE)
    for kept in ("Storm closes mountain pass", "Background", "What happens next"):
        assert kept not in removed
    assert not any("avalanche buried" in line or "Rescue teams" in line for line in removed)


def test_removed_spans_leave_the_text_untouched_and_exclude_surrounding_whitespace() -> None:
    text = "A long opening sentence of the report says what happened in the valley on Monday.\n  Share this post :  \r\nEnd.\n"
    (doc,) = detect_boilerplate([Document(id="a", text=text)])
    assert doc.text == text
    (span,) = doc.removed
    assert text[span.start : span.end] == "Share this post :"


@pytest.mark.parametrize(
    "line",
    ["👍 ❤️ 😂", "🔥🔥🔥🔥", "⭐ ⭐ ⭐ ⭐ ⭐", "👏🏽 👏🏽"],
)
def test_emoji_rows(line: str) -> None:
    assert is_emoji_row(line)


@pytest.mark.parametrize("line", ["Great news 👍", "😀", "The vote passed 52-48.", "Kyiv — Київ"])
def test_lines_with_words_are_not_emoji_rows(line: str) -> None:
    assert not is_emoji_row(line)


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Avalanche risk rises across the northern valleys",
        "See also: how the pass was built",
        "Ferry Operator Faces Questions Over Safety Record After Second Grounding",
        "Inside the Port Strike: What Workers Want and Why Talks Failed",
    ],
)
def test_pasted_related_headlines(line: str) -> None:
    assert is_related_headline(line, in_body=True)


@pytest.mark.parametrize(
    "line",
    [
        "Background",
        "What happens next",
        "The road to the summit",
        "Rescue teams reached the trucks after a long night of digging through the snow.",
        "- The pass stays closed until Friday",
    ],
)
def test_section_headings_and_sentences_are_not_related_headlines(line: str) -> None:
    assert not is_related_headline(line, in_body=True)


def test_a_headline_before_the_body_is_the_title_not_a_pasted_one() -> None:
    line = "Ferry Operator Faces Questions Over Safety Record After Second Grounding"
    assert not is_related_headline(line, in_body=False)
    removed = _removed(
        line + "\nThe operator of the ferry that ran aground on Saturday faces questions, officials said.\n"
    )
    assert removed == {}


def test_headings_are_short_lines_without_closing_punctuation() -> None:
    assert is_heading("What happens next")
    assert not is_heading("Engineers said the pass would reopen.")


def _documents(shared_line: str, n: int) -> list[Document]:
    wire = (
        "The central bank of Norland raised its main interest rate by half a point on Thursday, "
        "its third increase this year, the bank said in a statement."
    )
    own = [
        "Analysts had expected a smaller rise.",
        "Markets fell after the announcement.",
        "The currency strengthened slightly.",
        "Unions criticised the decision.",
    ]
    return [
        Document(
            id=f"d{k}",
            text=f"Outlet {k} on the rate decision\n{shared_line}\n{wire}\n{own[k]} Economists were divided.\n",
        )
        for k in range(n)
    ]


def test_a_short_line_repeated_across_three_documents_is_site_furniture() -> None:
    for doc in detect_boilerplate(_documents("Listen to this story", 3)):
        spans = [(doc.text[r.start : r.end], r.reason) for r in doc.removed]
        assert spans == [("Listen to this story", "repeated across documents")], doc.id


def test_a_line_in_only_two_documents_is_kept() -> None:
    for doc in detect_boilerplate(_documents("Listen to this story", 2)):
        assert doc.removed == (), doc.id


def test_a_copied_wire_paragraph_is_kept_in_every_copy() -> None:
    for doc in detect_boilerplate(_documents("Listen to this story", 4)):
        removed_text = " ".join(doc.text[r.start : r.end] for r in doc.removed)
        assert "central bank of Norland" not in removed_text, doc.id
        assert "Economists were divided" not in removed_text, doc.id
