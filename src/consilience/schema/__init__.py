"""The JSON Schema (draft 2020-12) of the report contract ``consilience.report/1``, and a validator.

``validate_report`` checks the shape with the schema, then what a schema cannot say: ids are unique,
references point at things that exist, spans lie inside their document and a claim's or quote's
``text`` is exactly its slice of the document, and families partition the documents.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from consilience.errors import ConsilienceError

SCHEMA_FILE = "report.schema.json"
#: How many problems an error message lists before "... and N more".
MAX_LISTED = 8


class ReportValidationError(ConsilienceError):
    """A report that does not follow ``consilience.report/1``; ``problems`` lists where and what."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        listed = "; ".join(problems[:MAX_LISTED])
        more = f"; ... and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        super().__init__(f"the report does not follow consilience.report/1: {listed}{more}")


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The report schema as a fresh dict (callers may change it freely)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _where(path: Iterable[Any]) -> str:
    parts = [str(p) for p in path]
    return "/" + "/".join(parts) if parts else "(top level)"


def schema_problems(data: Any) -> list[str]:
    """Where and how ``data`` breaks the JSON Schema, shallowest first; empty when it conforms."""
    errors = sorted(
        _validator().iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path)))
    )
    return [f"at {_where(e.absolute_path)}: {e.message}" for e in errors]


def _duplicates(ids: list[str]) -> list[str]:
    return sorted(i for i, n in Counter(ids).items() if n > 1)


def reference_problems(data: Mapping[str, Any]) -> list[str]:
    """What a schema cannot check: unique ids, references that resolve, spans and slices, families."""
    problems: list[str] = []
    docs = {d["id"]: d for d in data["documents"]}
    for name in ("documents", "claims", "facts", "conflicts", "quotes", "entities", "timeline"):
        for dup in _duplicates([item["id"] for item in data[name]]):
            problems.append(f'{name}: id "{dup}" is used more than once')
    claims = {c["id"] for c in data["claims"]}
    facts = {f["id"] for f in data["facts"]}
    quotes = {q["id"] for q in data["quotes"]}

    def span(where: str, doc: str, start: int, end: int, text: str | None = None) -> None:
        if doc not in docs:
            problems.append(f'{where}: unknown document "{doc}"')
            return
        length = len(docs[doc]["text"])
        if not start <= end <= length:
            problems.append(
                f"{where}: span [{start}, {end}) is not inside the document ({length} characters)"
            )
        elif text is not None and docs[doc]["text"][start:end] != text:
            problems.append(f'{where}: "text" is not the document\'s text[{start}:{end}]')

    def refs(where: str, ids: list[str], known: set[str] | dict[str, Any], what: str) -> None:
        for ref in ids:
            if ref not in known:
                problems.append(f'{where}: unknown {what} "{ref}"')

    for n, d in enumerate(data["documents"]):
        for k, r in enumerate(d["removed"]):
            span(f"/documents/{n}/removed/{k}", d["id"], r["start"], r["end"])
    for n, c in enumerate(data["claims"]):
        span(f"/claims/{n}", c["doc"], c["start"], c["end"], c["text"])
        if c["fact"] is not None:
            refs(f"/claims/{n}/fact", [c["fact"]], facts, "fact")
    for n, f in enumerate(data["facts"]):
        refs(f"/facts/{n}/claims", f["claims"], claims, "claim")
        refs(f"/facts/{n}/docs", f["docs"], docs, "document")
    for n, c in enumerate(data["conflicts"]):
        refs(f"/conflicts/{n}/claims", c["claims"], claims, "claim")
        if c["introduced_by"] is not None:
            refs(f"/conflicts/{n}/introduced_by", [c["introduced_by"]], docs, "document")
    for n, q in enumerate(data["quotes"]):
        span(f"/quotes/{n}", q["doc"], q["start"], q["end"], q["text"])
        refs(f"/quotes/{n}/matches", q["matches"], quotes, "quote")
    for n, e in enumerate(data["entities"]):
        for k, m in enumerate(e["mentions"]):
            span(f"/entities/{n}/mentions/{k}", m["doc"], m["start"], m["end"])
    for n, t in enumerate(data["timeline"]):
        refs(f"/timeline/{n}/claims", t["claims"], claims, "claim")
    provenance = data["provenance"]
    for n, edge in enumerate(provenance["edges"]):
        refs(f"/provenance/edges/{n}", [edge["source"], edge["target"]], docs, "document")
        for k, pair in enumerate(edge["evidence"]):
            for side in ("source", "target"):
                s = pair[side]
                span(f"/provenance/edges/{n}/evidence/{k}/{side}", s["doc"], s["start"], s["end"])
    placed = Counter(doc for family in provenance["families"] for doc in family)
    for doc in docs:
        if placed[doc] != 1:
            problems.append(f'/provenance/families: document "{doc}" is in {placed[doc]} families, not 1')
    refs("/provenance/families", sorted(placed), docs, "document")
    for n, card in enumerate(data["sources"]):
        refs(f"/sources/{n}/documents", card["documents"], docs, "document")
    return problems


def validate_report(data: dict[str, Any]) -> None:
    """Raise ReportValidationError (naming where and what) unless ``data`` follows consilience.report/1."""
    problems = schema_problems(data)
    if not problems:
        problems = reference_problems(data)
    if problems:
        raise ReportValidationError(problems)
