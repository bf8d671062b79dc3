"""Renderers of a report: JSON (the contract), Markdown, HTML and the terminal summary."""

from __future__ import annotations

_OBJECT_FORMS = {"he": "him", "she": "her", "they": "them"}


def speaker(attribution: str | None) -> str | None:
    """An attribution as it reads after "according to": a pronoun speaker in its object form ("her")."""
    if attribution is None:
        return None
    return _OBJECT_FORMS.get(attribution.lower(), attribution)
