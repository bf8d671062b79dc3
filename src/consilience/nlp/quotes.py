"""Direct quotes and their speakers.

STUB (owned by the judgements work): returns nothing yet.
"""

from __future__ import annotations

from consilience.model import Document, ParsedDocument, Quote


def find_quotes(document: Document, parsed: ParsedDocument) -> tuple[Quote, ...]:
    """Every direct quote of a document with its speaker; status is set later by judge.quotes."""
    return ()
