"""The analysis pipeline: read → clean → per-document NLP → cross-document linking → judgements.

Stages are pure functions from model objects to model objects; this module only wires them. The
per-document stage (``per_document``) is a top-level picklable function so any engine can run it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from consilience.engines.local import Engine, LocalEngine
from consilience.errors import InputError
from consilience.ingest.boilerplate import detect_boilerplate
from consilience.ingest.metadata import attach_metadata
from consilience.ingest.readers import read_inputs
from consilience.judge.conflicts import find_conflicts
from consilience.judge.corroboration import build_facts, flag_mutations, mark_contested
from consilience.judge.embellishment import flag_claims
from consilience.judge.quotes import judge_quotes
from consilience.judge.scorecards import build_scorecards
from consilience.judge.timeline import build_timeline
from consilience.link.align import align_claims
from consilience.link.embed import Embedder, EmbeddingAhead, default_embedder
from consilience.link.provenance import infer_provenance
from consilience.link.roster import build_roster
from consilience.model import Claim, Document, ParsedDocument, Quote, Report
from consilience.nlp.claims import core_text, extract_claims
from consilience.nlp.parse import guess_sentences, parse_document
from consilience.nlp.quotes import find_quotes
from consilience.nlp.slots import extract_slots
from consilience.nlp.times import normalise_times

#: The stages, in order, as a user can list them (`consilience stages`).
STAGES = (
    ("read", "readers: txt, md, html, json, jsonl, stdin"),
    ("clean", "boilerplate: widgets, emoji rows, related headlines, newsletter prompts, repeated lines"),
    ("metadata", "title, own outlet, cited outlets, publication date"),
    ("parse", "spaCy sentences and named entities (per document)"),
    ("claims", "claims with attribution and hedging (per document)"),
    ("quotes", "direct quotes and speakers (per document)"),
    ("roster", "entities merged across spellings"),
    ("times", "time expressions normalised, years inferred"),
    ("align", "claim alignment: embeddings + lexical overlap"),
    ("provenance", "copies, excerpts, rewrites, citations, families"),
    ("facts", "facts counted by independent sources"),
    ("conflicts", "typed conflicts and mutations"),
    ("quote-integrity", "corroborated, altered, single-source, fabricated quotes"),
    ("flags", "embellishment, unattributed, single-source claims"),
    ("timeline", "merged, cited timeline"),
    ("sources", "per-report and per-outlet scorecards"),
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@dataclass(frozen=True)
class DocumentAnalysis:
    """The output of the per-document stage."""

    document: Document
    parsed: ParsedDocument
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]


def per_document(document: Document) -> DocumentAnalysis:
    """Metadata, parsing, claims and quotes of one (already cleaned) document."""
    document = attach_metadata(document)
    parsed = parse_document(document)
    claims = extract_claims(document, parsed)
    quotes = find_quotes(document, parsed)
    return DocumentAnalysis(document, parsed, claims, quotes)


#: listing this many reports of each story is enough for the note
_NOTE_IDS = 6


def mixed_stories_note(documents: Sequence[Document]) -> str | None:
    """A note when the reports seem to tell different stories (the stream's story clustering), else None."""
    if len(documents) < 2:
        return None
    # The stream's story clusterer alone (no near-duplicate index: copies land in their original's
    # story anyway), so a small story pays no MinHash import.
    from consilience.stream.cluster import ClusterRule, StoryClusterer, day_number

    # Without splits: a story's reports often tell it from two angles, which is no mix-up.
    clusterer = StoryClusterer(ClusterRule(split_ratio=0.0))
    stories: dict[str, list[str]] = {}
    for d in documents:
        _, vector = clusterer.vectorise(d.text, d.title)
        stories.setdefault(clusterer.assign(d.id, vector, day_number(d.published)).story, []).append(d.id)
    if len(stories) < 2:
        return None
    groups = sorted(stories.values(), key=lambda ids: (-len(ids), ids[0]))
    shown = "; ".join(
        ", ".join(ids[:_NOTE_IDS]) + (f" and {len(ids) - _NOTE_IDS} more" if len(ids) > _NOTE_IDS else "")
        for ids in groups
    )
    return (
        f"input: these reports seem to tell {len(groups)} different stories ({shown}); facts and conflicts "
        "are only meaningful within one story: analyse each on its own (consilience batch or stream)"
    )


def _number_quotes(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    width = max(3, len(str(len(quotes))))
    return tuple(replace(q, id=f"Q{n:0{width}d}") for n, q in enumerate(quotes, 1))


ProgressFn = Callable[[str], None]

#: up to this many claims, every claim's slots are computed while the embeddings are: the slot cache
#: holds them all and the conflict stage then finds them ready
_SLOTS_AHEAD = 4000


@lru_cache(maxsize=1024)
def _guessed_claim_cores(document: Document) -> tuple[str, ...]:
    """What the claims of a cleaned document will likely say, before it is parsed.

    Most claims are sentences a regular expression finds too: embedding these guesses can start
    before the spaCy model is even loaded (a wrong guess only costs its own embedding). Memoised:
    the service re-analyses a story whenever a report is added.
    """
    guessed = ParsedDocument(doc=document.id, sentences=guess_sentences(document), named=())
    return tuple(core_text(c.text) for c in extract_claims(document, guessed))


def _analyse_each(
    engine: Engine, documents: Sequence[Document], ahead: EmbeddingAhead | None
) -> list[DocumentAnalysis]:
    """The per-document stage; each document's claims are queued for embedding as soon as they exist."""

    def queue(analyses: Sequence[DocumentAnalysis]) -> None:
        if ahead is not None:
            ahead.submit([core_text(c.text) for a in analyses for c in a.claims])

    if ahead is None or not getattr(engine, "sequential_here", False):
        analyses = engine.map(per_document, documents)
        queue(analyses)
        return analyses
    # An engine that runs documents one after another in this process (the local one, or a caching
    # one around it) gets them one at a time: the embeddings of one document's claims are computed
    # in the background (onnxruntime releases the GIL) while the next one is parsed.
    analyses = []
    for document in documents:
        analyses.extend(engine.map(per_document, [document]))
        queue(analyses[-1:])
    return analyses


def analyze_documents(
    documents: Sequence[Document],
    *,
    engine: Engine | None = None,
    embedder: Embedder | None = None,
    problems: Sequence[str] = (),
    progress: ProgressFn | None = None,
) -> Report:
    """Run every stage on documents already read; returns the report."""
    engine = engine or LocalEngine()
    step = progress or (lambda _name: None)
    # The default embedder loads and embeds in a background thread while this one parses and links.
    ahead = EmbeddingAhead() if embedder is None else None
    try:
        step("clean")
        cleaned = detect_boilerplate(documents)
        if ahead is not None:
            ahead.submit([core for d in cleaned for core in _guessed_claim_cores(d)])
        step("parse")
        analyses = _analyse_each(engine, cleaned, ahead)
        mixed = mixed_stories_note(documents)
        if mixed:
            problems = (*problems, mixed)
        docs = tuple(a.document for a in analyses)
        parsed = {a.document.id: a.parsed for a in analyses}
        claims: tuple[Claim, ...] = tuple(c for a in analyses for c in a.claims)
        quotes = _number_quotes([q for a in analyses for q in a.quotes])
        step("roster")
        entities = build_roster(docs, parsed)
        step("times")
        times = normalise_times(docs, parsed)
        if ahead is not None and len(claims) <= _SLOTS_AHEAD:
            for claim in claims:
                extract_slots(claim.text)  # memoised: the conflict stage reuses them
    except BaseException:
        if ahead is not None:
            ahead.cancel()  # nobody will use those vectors: do not wait for the whole queue
        raise
    if ahead is not None:
        ahead.finish()
    step("align")
    alignment = align_claims(claims, embedder or default_embedder())
    step("provenance")
    provenance = infer_provenance(docs, claims, alignment)
    step("facts")
    claims, facts = build_facts(docs, claims, alignment, provenance, entities)
    step("conflicts")
    conflicts = find_conflicts(docs, claims, facts, alignment, provenance, times, entities)
    claims = flag_mutations(claims, conflicts)
    facts = mark_contested(facts, claims, conflicts)
    step("quote-integrity")
    quotes = judge_quotes(quotes, docs, claims, provenance)
    step("flags")
    claims = flag_claims(docs, claims, facts, alignment, provenance, quotes)
    step("timeline")
    timeline = build_timeline(claims, times, facts, conflicts)
    report = Report(
        documents=docs,
        claims=claims,
        facts=facts,
        conflicts=conflicts,
        quotes=quotes,
        entities=entities,
        timeline=timeline,
        provenance=provenance,
        problems=tuple(problems),
    )
    step("sources")
    return replace(report, sources=build_scorecards(report))


def analyze(
    inputs: Sequence[str | Path | Document | Mapping[str, Any]] | str | Path,
    *,
    engine: Engine | None = None,
    embedder: Embedder | None = None,
    progress: ProgressFn | None = None,
) -> Report:
    """Analyse reports of one story: paths (files, folders, globs, "-"), Documents or records.

    Raises InputError when nothing readable was given; problems with some inputs are listed in
    ``Report.problems`` and the rest is analysed.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    result = read_inputs(inputs)
    problems = [str(p) for p in result.problems]
    if not result.documents:
        if result.problems:
            raise (
                result.problems[0]
                if len(result.problems) == 1
                else InputError("input", "no readable report: " + "; ".join(problems))
            )
        raise InputError("input", "no reports given")
    return analyze_documents(
        result.documents, engine=engine, embedder=embedder, problems=problems, progress=progress
    )
