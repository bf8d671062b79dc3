"""Near-duplicates: copies and excerpts are found and verified; rewrites of other stories are not."""

from __future__ import annotations

from consilience.stream.dedup import NearDuplicateIndex, fingerprint, overlap

from .helpers import ELECTION, HARBOUR, HARBOUR_FOLLOW_UP


def test_a_lightly_edited_copy_is_a_near_duplicate_of_the_original() -> None:
    index = NearDuplicateIndex()
    index.add("origin", fingerprint(HARBOUR))
    copy = HARBOUR.replace("Tuesday night", "Tuesday evening") + " Share this article."
    match = index.find(fingerprint(copy))
    assert match is not None and match.of == "origin"
    assert match.jaccard >= 0.5


def test_an_excerpt_is_matched_by_containment() -> None:
    index = NearDuplicateIndex()
    index.add("origin", fingerprint(HARBOUR))
    excerpt = HARBOUR[: int(len(HARBOUR) * 0.7)]
    match = index.find(fingerprint(excerpt))
    assert match is not None and match.of == "origin"
    assert match.containment >= 0.8 > match.jaccard


def test_reports_of_the_same_story_in_other_words_are_not_duplicates() -> None:
    index = NearDuplicateIndex()
    index.add("origin", fingerprint(HARBOUR))
    index.add("election", fingerprint(ELECTION))
    assert index.find(fingerprint(HARBOUR_FOLLOW_UP)) is None


def test_the_earliest_of_equal_matches_wins() -> None:
    index = NearDuplicateIndex()
    index.add("first", fingerprint(HARBOUR))
    index.add("second", fingerprint(HARBOUR))
    match = index.find(fingerprint(HARBOUR))
    assert match is not None and match.of == "first"


def test_overlap_counts_shared_shingles() -> None:
    a, b = fingerprint(HARBOUR).shingle_hashes, fingerprint(HARBOUR + " " + ELECTION).shingle_hashes
    jaccard, containment = overlap(a, b)
    assert containment == 1.0
    assert 0.3 < jaccard < 0.8
