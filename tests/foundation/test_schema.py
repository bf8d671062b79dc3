"""The JSON Schema of consilience.report/1: shipped, documented, in step with the model, and strict."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from consilience import model
from consilience.model import Claim, Document, Edge, Fact, Provenance, Removed, Report, Span
from consilience.render.json import report_dict, to_json
from consilience.schema import ReportValidationError, load_schema, validate_report

TEXT = "Storm closes pass\nThe pass was closed on Monday, officials said. It reopens on Friday.\nShare this\n"


def _report() -> dict[str, Any]:
    """A small, consistent report written by the real serialiser."""
    first = TEXT.index("The pass")
    second = TEXT.index("It reopens")
    share = TEXT.index("Share this")
    doc = Document(
        id="ledger",
        text=TEXT,
        title="Storm closes pass",
        cites=("Reuters",),
        removed=(Removed(share, share + len("Share this"), "share/comment widget"),),
    )
    copy_doc = Document(id="copy", text=TEXT)
    claims = (
        Claim("ledger:c1", "ledger", first, second - 1, TEXT[first : second - 1], "officials", fact="F001"),
        Claim(
            "ledger:c2", "ledger", second, second + 20, TEXT[second : second + 20], flags=("single_source",)
        ),
        Claim("copy:c1", "copy", first, second - 1, TEXT[first : second - 1], "officials", fact="F001"),
    )
    fact = Fact(
        "F001", ("ledger:c1", "copy:c1"), ("copy", "ledger"), 1, "single_source", "The pass was closed."
    )
    edge = Edge(
        "ledger", "copy", "copy", 0.98, ((Span("ledger", first, second), Span("copy", first, second)),)
    )
    report = Report(
        documents=(doc, copy_doc),
        claims=claims,
        facts=(fact,),
        provenance=Provenance(edges=(edge,), families=(("copy", "ledger"),)),
        problems=("notes.json, line 3: malformed JSON: unexpected end of data",),
    )
    data: dict[str, Any] = json.loads(to_json(report))
    return data


def test_the_schema_is_valid_draft_2020_12_and_ships_with_the_package() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"]["const"] == model.SCHEMA_ID
    schema["title"] = "changed"
    assert load_schema()["title"] == "consilience.report/1"  # each caller gets its own copy


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/{name}", sub, node
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, item in enumerate(node):
            yield from _properties(item, f"{path}/{n}")


def test_every_field_is_documented() -> None:
    schema = load_schema()
    defs = schema["$defs"]
    undocumented = []
    for path, sub, _parent in _properties(schema):
        target = defs[sub["$ref"].split("/")[-1]] if "$ref" in sub and "description" not in sub else sub
        if not target.get("description"):
            undocumented.append(path)
    assert undocumented == []
    for name, definition in defs.items():
        assert definition.get("description"), name


def test_every_object_is_closed_and_requires_all_its_fields() -> None:
    # the serialiser always writes every key (null when unknown), so a missing key is a broken report
    for path, sub, parent in _properties(load_schema()):
        assert parent.get("additionalProperties") is False, path
        assert path.rsplit("/", 1)[-1] in parent.get("required", []), (path, sub)


@pytest.mark.parametrize(
    ("definition", "field", "values"),
    [
        ("claim", "flags", model.CLAIM_FLAGS),
        ("fact", "status", model.FACT_STATUSES),
        ("quote", "status", model.QUOTE_STATUSES),
        ("edge", "kind", model.EDGE_KINDS),
        ("conflict", "kind", model.CONFLICT_KINDS),
    ],
)
def test_closed_vocabularies_match_the_model(definition: str, field: str, values: tuple[str, ...]) -> None:
    prop = load_schema()["$defs"][definition]["properties"][field]
    enum = prop["items"]["enum"] if "items" in prop else prop["enum"]
    assert sorted(enum) == sorted(values)


def test_a_report_written_by_the_serialiser_is_valid() -> None:
    validate_report(_report())
    single = Report(
        documents=(Document(id="only", text="One line."),), provenance=Provenance(families=(("only",),))
    )
    validate_report(report_dict(single))


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown claim flag": (_set(("claims", 0, "flags"), ["dubious"]), "/claims/0/flags/0"),
    "unknown fact status": (_set(("facts", 0, "status"), "likely"), "/facts/0/status"),
    "unknown edge kind": (_set(("provenance", "edges", 0, "kind"), "plagiarism"), "/provenance/edges/0/kind"),
    "negative offset": (_set(("claims", 1, "start"), -1), "/claims/1/start"),
    "missing field": (_drop(("claims", 0, "hedged")), "/claims/0"),
    "undocumented field": (_set(("claims", 0, "confidence"), 0.9), "/claims/0"),
    "wrong contract": (_set(("schema",), "consilience.report/2"), "/schema"),
    "score above one": (_set(("provenance", "edges", 0, "score"), 1.5), "/provenance/edges/0/score"),
    "claim text not its slice": (_set(("claims", 1, "text"), "It reopens on Monday"), "/claims/1"),
    "span past the end": (_set(("documents", 0, "removed", 0, "end"), 10_000), "/documents/0/removed/0"),
    "unknown fact": (_set(("claims", 0, "fact"), "F999"), "/claims/0/fact"),
    "unknown document": (_set(("claims", 2, "doc"), "elsewhere"), "/claims/2"),
    "duplicate claim id": (_set(("claims", 1, "id"), "ledger:c1"), 'id "ledger:c1"'),
    "document in two families": (
        _set(("provenance", "families"), [["copy", "ledger"], ["ledger"]]),
        "ledger",
    ),
    "document in no family": (_set(("provenance", "families"), [["copy"]]), "in 0 families"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_report_is_refused_naming_where(case: str) -> None:
    change, where = BROKEN[case]
    data = copy.deepcopy(_report())
    change(data)
    with pytest.raises(ReportValidationError) as info:
        validate_report(data)
    assert where in str(info.value)
    assert "consilience.report/1" in str(info.value)
