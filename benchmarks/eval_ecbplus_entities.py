"""Cross-document entity clustering on ECB+ (topics here: 1–35), gold mentions, CoNLL F1.

usage: .venv/bin/python benchmarks/eval_ecbplus_entities.py [ECBPLUS_DIR] [--errors N]

For every entity mention (HUMAN_PART_*, LOC_*, NON_HUMAN_PART*) in the sentences listed in
ECBplus_coreference_sentences.csv, the mention string (its tokens joined by spaces) is clustered
within its topic, across all the topic's documents. Gold clusters: CROSS_DOC_COREF instance ids;
INTRA_DOC_COREF chains are clusters of their own document; unlinked mentions are singletons.

Systems (both see only the gold mention strings and ECB+'s tag as a type hint):
  same-string   exact lowercase string match;
  roster rules  the roster's merge rules (link.roster.cluster_mentions) for name mentions
                (capitalised once a leading "the", titles and possessives are trimmed),
                exact lowercase match for everything else (pronouns, common nouns).
Scores: MUC, B³, CEAF-e (entity-based, φ4 similarity) and CoNLL F1 = their mean F1, all mentions
and name mentions only; over all topics here, and over the standard dev (2 5 12 18 21 23 34 35) and
train (the rest) topics. The held-out test topics 36–45 are not here and are not guessed at.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from consilience.link.roster import cluster_mentions
from consilience.nlp.entities import NameMention, clean_span, type_cues

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ecbplus"
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})
ENTITY_PREFIXES = ("HUMAN_PART", "LOC_", "NON_HUMAN_PART")
#: ECB+ tags as the spaCy-style labels the roster votes with (other tags give no label)
TAG_LABEL = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "GPE",
    "LOC_GEO": "GPE",
    "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC",
}


@dataclass(frozen=True)
class GoldMention:
    """One annotated entity mention: topic, document, string, tag and gold cluster id."""

    topic: int
    doc: str
    index: int
    text: str
    tag: str
    gold: str


def detokenise(text: str) -> str:
    """ECB+ token strings joined back as running text ("U . S ." → "U.S.", "Lohan 's" → "Lohan's")."""
    text = re.sub(r"(?<=\b[A-Z]) \.(?: (?=[A-Z]\b))?", ".", text)
    return re.sub(r" (?=['’]s\b|[,.;:!?)'’])|(?<=[(]) ", "", text)


def load_listed_sentences(root: Path) -> set[tuple[str, int]]:
    """(file stem, sentence number) pairs of the sentences annotated for coreference."""
    listed = set()
    with (root / "ECBplus_coreference_sentences.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            listed.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    return listed


def load_mentions(root: Path) -> list[GoldMention]:
    """Entity mentions of all documents, in the listed sentences, with gold cluster ids."""
    listed = load_listed_sentences(root)
    out: list[GoldMention] = []
    topics = sorted((p for p in (root / "ECB+").iterdir() if p.is_dir()), key=lambda p: int(p.name))
    for topic_dir in topics:
        topic = int(topic_dir.name)
        for path in sorted(topic_dir.glob("*.xml")):
            stem = path.stem
            tree = ET.parse(path).getroot()
            tokens = {t.get("t_id"): (t.text or "", int(t.get("sentence", "0"))) for t in tree.iter("token")}
            cluster: dict[str, str] = {}
            relations = tree.find("Relations")
            for rel in relations if relations is not None else ():
                target = rel.find("target")
                if target is None:
                    continue
                if rel.tag == "CROSS_DOC_COREF":
                    gid = rel.get("note", "")
                elif rel.tag == "INTRA_DOC_COREF":
                    gid = f"{stem}:{target.get('m_id')}"
                else:
                    continue
                for src in rel.findall("source"):
                    cluster[src.get("m_id", "")] = gid
            markables = tree.find("Markables")
            for mark in markables if markables is not None else ():
                if not mark.tag.startswith(ENTITY_PREFIXES):
                    continue
                anchors = [a.get("t_id", "") for a in mark.findall("token_anchor")]
                if not anchors or anchors[0] not in tokens:
                    continue
                words = [tokens[a] for a in anchors if a in tokens]
                sentence = words[0][1]
                if (stem, sentence) not in listed:
                    continue
                m_id = mark.get("m_id", "")
                text = detokenise(" ".join(w for w, _ in words))
                gold = cluster.get(m_id, f"{stem}:singleton:{m_id}")
                out.append(GoldMention(topic, stem, len(out), text, mark.tag, gold))
    return out


def as_name(m: GoldMention) -> NameMention | None:
    """The mention as the roster sees a name, or None when it is not a name (pronoun, common noun)."""
    label = TAG_LABEL.get(m.tag, "")
    pieces = clean_span(m.text, 0, len(m.text), label or "CAPS")
    if not pieces:
        return None
    s, e, had_title = pieces[0]
    cues = type_cues(m.text, s, e, 0, len(m.text), had_title)
    return NameMention(m.doc, m.index, m.index + 1, m.text[s:e], label, cues, True)


def same_string(mentions: Sequence[GoldMention]) -> dict[int, Hashable]:
    """Baseline: exact lowercase string match within a topic."""
    return {m.index: (m.topic, "s", m.text.lower()) for m in mentions}


def roster_rules(mentions: Sequence[GoldMention]) -> dict[int, Hashable]:
    """The roster's merge rules for names (per topic), exact lowercase match for everything else."""
    out = same_string(mentions)
    by_topic: dict[int, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        by_topic[m.topic].append(m)
    for topic, members in by_topic.items():
        names = [(m, as_name(m)) for m in members]
        named = [(m, n) for m, n in names if n is not None]
        clusters = cluster_mentions([n for _, n in named])
        for (m, _), root in zip(named, clusters.roots, strict=True):
            if root is not None:
                out[m.index] = (topic, "n", root)
    return out


# --- metrics --------------------------------------------------------------------------------------


def _clusters(assign: Mapping[int, Hashable]) -> list[frozenset[int]]:
    groups: dict[Hashable, set[int]] = defaultdict(set)
    for mention, cid in assign.items():
        groups[cid].add(mention)
    return [frozenset(g) for g in groups.values()]


def muc(key: list[frozenset[int]], response: list[frozenset[int]]) -> tuple[float, float]:
    """MUC recall and precision (Vilain et al. 1995): links kept, counted per gold/response cluster."""

    def score(a: list[frozenset[int]], b: list[frozenset[int]]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return score(key, response), score(response, key)


def b_cubed(key: list[frozenset[int]], response: list[frozenset[int]]) -> tuple[float, float]:
    """B³ recall and precision (Bagga & Baldwin 1998), averaged over mentions."""
    k_of = {m: c for c in key for m in c}
    r_of = {m: c for c in response for m in c}
    mentions = list(k_of)
    recall = sum(len(k_of[m] & r_of[m]) / len(k_of[m]) for m in mentions) / len(mentions)
    precision = sum(len(k_of[m] & r_of[m]) / len(r_of[m]) for m in mentions) / len(mentions)
    return recall, precision


def ceaf_e(key: list[frozenset[int]], response: list[frozenset[int]]) -> tuple[float, float]:
    """Entity-based CEAF (Luo 2005) with φ4 = 2|K∩R| / (|K|+|R|), best one-to-one alignment."""
    r_index = {m: j for j, c in enumerate(response) for m in c}
    # the alignment decomposes over connected components of the key/response overlap graph
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    overlaps: dict[tuple[int, int], int] = defaultdict(int)
    for i, c in enumerate(key):
        for m in c:
            j = r_index[m]
            overlaps[(i, j)] += 1
            a, b = find(i), find(len(key) + j)
            if a != b:
                parent[a] = b
    components: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in overlaps:
        components[find(i)].append((i, j))
    total = 0.0
    for pairs in components.values():
        rows = sorted({i for i, _ in pairs})
        cols = sorted({j for _, j in pairs})
        ri, ci = {i: x for x, i in enumerate(rows)}, {j: x for x, j in enumerate(cols)}
        sim = np.zeros((len(rows), len(cols)))
        for i, j in pairs:
            sim[ri[i], ci[j]] = 2 * overlaps[(i, j)] / (len(key[i]) + len(response[j]))
        r, c = linear_sum_assignment(sim, maximize=True)
        total += float(sim[r, c].sum())
    return total / len(key), total / len(response)


def f1(recall: float, precision: float) -> float:
    """Harmonic mean of recall and precision."""
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def conll(gold: Mapping[int, Hashable], system: Mapping[int, Hashable]) -> dict[str, float]:
    """MUC, B³, CEAF-e F1 and their mean (CoNLL F1), in percent."""
    key, response = _clusters(gold), _clusters({m: system[m] for m in gold})
    scores = {
        "MUC": f1(*muc(key, response)),
        "B3": f1(*b_cubed(key, response)),
        "CEAF-e": f1(*ceaf_e(key, response)),
    }
    scores["CoNLL"] = sum(scores.values()) / 3
    return {k: 100 * v for k, v in scores.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument(
        "--errors", type=int, default=0, help="print N wrongly merged and N missed name pairs"
    )
    args = parser.parse_args(argv)
    if not (args.root / "ECB+").is_dir():
        print(f"ECB+ not found at {args.root} (expected ../shared/corpora/ecbplus)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    mentions = load_mentions(args.root)
    t1 = time.perf_counter()
    systems = {"same-string": same_string(mentions), "roster rules": roster_rules(mentions)}
    t2 = time.perf_counter()
    names = {m.index for m in mentions if as_name(m) is not None}
    subsets = {
        "all topics 1-35": [m for m in mentions],
        "dev topics": [m for m in mentions if m.topic in DEV_TOPICS],
        "train topics": [m for m in mentions if m.topic not in DEV_TOPICS],
    }
    print(
        f"ECB+ entity mentions: {len(mentions)} in {len({m.doc for m in mentions})} documents, "
        f"{len(names)} of them names; gold mentions, clustered within each topic"
    )
    header = f"{'subset':<18} {'mentions':<9} {'system':<13} {'MUC':>6} {'B3':>6} {'CEAF-e':>7} {'CoNLL':>6}"
    print(header)
    print("-" * len(header))
    for label, subset in subsets.items():
        for kind, chosen in (("all", subset), ("names", [m for m in subset if m.index in names])):
            gold = {m.index: m.gold for m in chosen}
            for system, assign in systems.items():
                s = conll(gold, assign)
                print(
                    f"{label:<18} {kind:<9} {system:<13} {s['MUC']:6.1f} {s['B3']:6.1f} {s['CEAF-e']:7.1f} "
                    f"{s['CoNLL']:6.1f}"
                )
    print(f"load {t1 - t0:.1f}s, clustering {t2 - t1:.1f}s, scoring {time.perf_counter() - t2:.1f}s")
    if args.errors:
        _print_errors(mentions, systems["roster rules"], names, args.errors)
    return 0


def _print_errors(
    mentions: Sequence[GoldMention], system: Mapping[int, Hashable], names: set[int], limit: int
) -> None:
    wrong: dict[tuple[str, str], int] = defaultdict(int)
    missed: dict[tuple[str, str], int] = defaultdict(int)
    by_topic: dict[int, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        if m.index in names:
            by_topic[m.topic].append(m)
    for members in by_topic.values():
        for pos, a in enumerate(members):
            for b in members[pos + 1 :]:
                if a.text.lower() == b.text.lower():
                    continue
                first, second = sorted((a.text, b.text))
                pair = (first, second)
                same_sys, same_gold = system[a.index] == system[b.index], a.gold == b.gold
                if same_sys and not same_gold:
                    wrong[pair] += 1
                elif same_gold and not same_sys:
                    missed[pair] += 1
    for title, table in (("wrongly merged", wrong), ("missed", missed)):
        print(f"\n{title} (name pairs, most frequent first):")
        for (x, y), count in sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]:
            print(f"  {count:4d}  {x!r} ~ {y!r}")


if __name__ == "__main__":
    raise SystemExit(main())
