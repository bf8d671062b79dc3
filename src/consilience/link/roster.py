"""The entity roster: people, places, organisations merged across spellings and documents.

Merging happens in rounds, each a general rule (see ``link.names`` for the string rules):

1. one spelling convention (folded, articles dropped, British → American) makes one *form*;
2. forms that are one name token by token under romanisation variants and given-name families merge
   (Yusuf/Yousef, Abu Mohammed/Abu Mohammad, Rouhani/Ruhani) — consonants must agree, so Hatem ≠ Hakim;
3. what the text defines merges: "Name (ACR)", "also known as", "whose real name is", nom de guerre;
4. an acronym merges with the one multi-word name in the story whose initials it spells (IMF);
5. a lone given name or surname merges with the single person whose full name contains it (Omar →
   Omar X); a surname shared by several people goes, per document, to the bearer named in full in
   that document, or else to the story's dominant bearer (at least twice the full-name mentions of
   any other) — otherwise it stays apart. Different kinship roles (son/father) keep forms apart;
6. headline spans and capitalised fallbacks only join names established elsewhere.

Types are voted from spaCy labels and general cues (titles, kinship, "in X", suffixes, acronyms).
Cost: O(m) for m mentions plus pairwise comparison within blocks of equal consonant skeletons.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from consilience.link.names import (
    ORG_SUFFIXES,
    PARTICLES,
    NameParts,
    acronym_letters,
    fold,
    initials,
    is_acronym,
    name_key,
    name_parts,
    same_name,
    same_token,
    skeleton,
    word_set,
)
from consilience.model import Document, Entity, Mention, ParsedDocument
from consilience.nlp.entities import CAPS, NameMention, extract_names

_LABEL_TYPE = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}
_CUE_TYPE = {
    "title": ("person", 3.0),
    "late": ("person", 2.0),
    "geo": ("place", 3.0),
    "geo_weak": ("place", 1.0),
    "media": ("organisation", 3.0),
    "org": ("organisation", 3.0),
    "acronym": ("organisation", 2.0),
    "al_name": ("organisation", 1.0),
}
#: Last words that a name of an organisation may carry or drop ("Al Arabiya TV" is "Al Arabiya").
GENERIC_ORG_TAILS = word_set(
    "tv television channel radio newspaper daily group network corp corporation inc incorporated co company "
    "ltd limited llc plc ag sa gmbh"
)
_LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+\b")
_LOWER_NAME_WORDS = frozenset(
    {"al", "el", "of", "the", "and", "for", "de", "la", "le", "du", "des", "on", "in", "at"}
)
#: A surname shared by several people resolves to one only if it has this many times the others' full mentions.
DOMINANCE = 2.0


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller index stays root, so results do not depend on the order of unions
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Form:
    """Mentions that share one spelling-normalised key."""

    key: tuple[str, ...]
    parts: NameParts
    acronym: bool
    mentions: list[int]

    @property
    def content(self) -> tuple[str, ...]:
        return tuple(t for t in self.parts.tokens if t not in PARTICLES)


def _block(parts: NameParts) -> tuple[object, ...]:
    return (parts.suffix, tuple(skeleton(t) for t in parts.tokens))


def _type_scores(mentions: Iterable[NameMention]) -> dict[str, float]:
    counts: Counter[tuple[str, float]] = Counter()
    for m in mentions:
        kind = _LABEL_TYPE.get(m.label)
        if kind:
            counts[(kind, 1.0)] += 1
        for cue in m.cues:
            if cue.startswith("kin:"):
                counts[("person", 3.0)] += 1
            elif cue in _CUE_TYPE:
                counts[_CUE_TYPE[cue]] += 1
    scores: dict[str, float] = defaultdict(float)
    for (kind, weight), n in counts.items():
        scores[kind] += weight * (1.0 + math.log2(n))
    return dict(scores)


def _entity_type(mentions: Sequence[NameMention]) -> str:
    # an acronym's own cues say "organisation"; when its full name is present, that decides (USA is a place)
    full = [m for m in mentions if not is_acronym(m.text)]
    scores = _type_scores(full or mentions)
    if not scores:
        return "other"
    return max(sorted(scores), key=lambda k: scores[k])


def _cue_type(mentions: Sequence[NameMention]) -> str | None:
    """The type that context cues alone (not spaCy labels) point to, if any."""
    scores = _type_scores(replace(m, label="") for m in mentions)
    return max(sorted(scores), key=lambda k: scores[k]) if scores else None


def _kin_roles(mentions: Iterable[NameMention]) -> set[str]:
    roles = set()
    for m in mentions:
        for cue in m.cues:
            if cue.startswith("kin:"):
                roles.add(cue[4:])
            elif cue == "late":
                roles.add("late")
    return roles


def _is_proper_name(text: str) -> bool:
    """Whether every word of a name but particles and articles is capitalised ("Millom man" is not)."""
    for word in text.split():
        w = fold(word).strip("'\".,")
        if not w or w in PARTICLES or w in _LOWER_NAME_WORDS or re.match(r"^[a-z]{1,3}-", w):
            continue
        if not (word[0].isupper() or word[0].isdigit()):
            return False
    return True


def _match_position(short: tuple[str, ...], full: tuple[str, ...]) -> int:
    """Start of ``short`` inside ``full`` token by token, or -1 (particles alone never match)."""
    k = len(short)
    for p in range(len(full) - k + 1):
        window = full[p : p + k]
        if all(t in PARTICLES for t in window):
            continue
        if all(same_token(a, b) for a, b in zip(window, short, strict=True)):
            return p
    return -1


@dataclass(frozen=True)
class MentionClusters:
    """Cluster of each mention (a deterministic int, None when dropped) and its span (a run-on span is trimmed)."""

    roots: tuple[int | None, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def cluster_mentions(
    mentions: Sequence[NameMention],
    links: Iterable[tuple[int, int]] = (),
    common_words: frozenset[str] = frozenset(),
) -> MentionClusters:
    """Merge name mentions into entities by the rules of this module.

    ``links`` are index pairs the text says are one entity (acronym definitions, aliases);
    ``common_words`` are folded words the story also writes in lowercase (never a lone name).
    """
    links = list(links)
    linked = {i for pair in links for i in pair}
    trusted = [m.trusted or i in linked for i, m in enumerate(mentions)]

    forms: list[_Form] = []
    form_of: dict[tuple[str, ...], int] = {}
    mention_form: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if not trusted[i]:
            continue
        key = name_key(m.text)
        if not key:
            continue
        acr = is_acronym(m.text) and "dateline" not in m.cues  # "LONDON (Reuters) -" is London
        if acr:
            key = ("<acronym>", *key)
        if key not in form_of:
            form_of[key] = len(forms)
            forms.append(_Form(key, name_parts(m.text), acr, []))
        forms[form_of[key]].mentions.append(i)
        mention_form[i] = form_of[key]

    uf = _UnionFind(len(forms))
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        if not form.acronym:
            blocks[_block(form.parts)].append(f)
    for members in blocks.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if same_name(forms[a].parts, forms[b].parts):
                    uf.union(a, b)
    # one name written as one word or two (Amir-Abdollahian / Amirabdollahian, Abu Bakr / Abubakr)
    joined_blocks: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        joined = "".join(form.parts.tokens)
        if not form.acronym and len(form.parts.tokens) >= 2 and len(joined) >= 8 and joined.isalpha():
            joined_blocks[(form.parts.suffix, skeleton(joined))].append(f)
    for members in joined_blocks.values():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                ta, tb = forms[a].parts.tokens, forms[b].parts.tokens
                if len(ta) != len(tb) and same_token("".join(ta), "".join(tb)):
                    uf.union(a, b)
    for a, b in links:
        if a in mention_form and b in mention_form:
            uf.union(mention_form[a], mention_form[b])

    def groups() -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for f in range(len(forms)):
            out[uf.find(f)].append(f)
        return out

    def cluster_mentions_of(fs: Iterable[int]) -> list[NameMention]:
        return [mentions[i] for f in fs for i in forms[f].mentions]

    # acronyms spelled by the initials of exactly one multi-word name of the story
    spelled: dict[str, set[int]] = defaultdict(set)
    for f, form in enumerate(forms):
        if not form.acronym and len(form.parts.tokens) >= 2:
            for text in {mentions[i].text for i in form.mentions}:
                for letters in initials(text):
                    spelled[letters].add(f)

    def spelled_by(acronym: str, exclude: int) -> int | None:
        roots = {uf.find(g) for g in spelled.get(acronym_letters(acronym), ())} - {exclude}
        if len(roots) != 1:
            return None
        (root,) = roots
        members = [g for g in range(len(forms)) if uf.find(g) == root]
        return root if _entity_type(cluster_mentions_of(members)) != "person" else None

    grouped = groups()
    for f, form in enumerate(forms):
        if form.acronym and all(forms[g].acronym for g in grouped[uf.find(f)]):
            root = spelled_by(mentions[form.mentions[0]].text, uf.find(f))
            if root is not None:
                uf.union(f, root)

    # "X TV", "X group" name the organisation X when X is named alone too
    grouped = groups()
    for f, form in enumerate(forms):
        if len(form.parts.tokens) >= 2 and form.parts.tokens[-1] in GENERIC_ORG_TAILS:
            bare = form_of.get(form.key[:-1])
            if bare is not None and _entity_type(cluster_mentions_of(grouped[uf.find(bare)])) != "person":
                uf.union(f, bare)

    # two-word short forms of longer person names ("Lopez Obrador", "Abdullah bin Nasser"), when unique
    grouped = groups()
    types = {root: _entity_type(cluster_mentions_of(fs)) for root, fs in grouped.items()}
    kin = {root: _kin_roles(cluster_mentions_of(fs)) for root, fs in grouped.items()}

    def person_forms(min_content: int) -> list[int]:
        return [
            f
            for f, form in enumerate(forms)
            if not form.acronym
            and len(form.content) >= min_content
            and types[uf.find(f)] == "person"
            and any(_is_proper_name(mentions[i].text) for i in form.mentions)
        ]

    def kin_conflict(a: int, b: int) -> bool:
        return bool(kin.get(a) and kin.get(b) and not kin[a] & kin[b])

    long_forms = person_forms(3)
    for root, fs in sorted(grouped.items()):
        if types[root] != "person" or any(forms[f].acronym or len(forms[f].content) != 2 for f in fs):
            continue
        targets = set()
        for f in fs:
            for g in long_forms:
                full = forms[g].content
                if uf.find(g) == root or kin_conflict(root, uf.find(g)):
                    continue
                if _match_position(forms[f].content, full) in (0, len(full) - 2):
                    targets.add(uf.find(g))
        if len(targets) == 1:
            uf.union(root, targets.pop())

    # short forms: a lone given name or surname joins the person whose full name contains it
    grouped = groups()
    types = {root: _entity_type(cluster_mentions_of(fs)) for root, fs in grouped.items()}
    kin = {root: _kin_roles(cluster_mentions_of(fs)) for root, fs in grouped.items()}
    full_forms = person_forms(2)
    full_count: Counter[int] = Counter()
    full_docs: dict[int, set[str]] = defaultdict(set)
    for f in full_forms:
        full_count[uf.find(f)] += len(forms[f].mentions)
        full_docs[uf.find(f)].update(mentions[i].doc for i in forms[f].mentions)

    def dominant(roots: Sequence[int]) -> int | None:
        ranked = sorted(roots, key=lambda r: (-full_count[r], r))
        if not ranked:
            return None
        if len(ranked) == 1:
            return ranked[0]
        top, second = full_count[ranked[0]], full_count[ranked[1]]
        return ranked[0] if top >= 2 and top >= DOMINANCE * second else None

    def short_candidates(short: tuple[str, ...], root: int | None) -> tuple[list[int], list[int]] | None:
        """(surname bearers, all candidates) among the full person names containing ``short``, or None."""
        candidates: dict[int, set[str]] = defaultdict(set)
        for g in full_forms:
            target = uf.find(g)
            if target == root or (root is not None and kin_conflict(root, target)):
                continue
            full = forms[g].parts.tokens
            p = _match_position(short, full)
            if p < 0 or len(full) <= len(short):
                continue
            candidates[target].add(
                "surname" if p + len(short) == len(full) else "given" if p == 0 else "middle"
            )
        if not candidates:
            return None
        return sorted(r for r, roles in candidates.items() if "surname" in roles), sorted(candidates)

    short_choice: dict[int, tuple[list[int], list[int]]] = {}  # short root → (surname bearers, candidates)
    for root, fs in sorted(grouped.items()):
        if any(forms[f].acronym or len(forms[f].content) != 1 or len(forms[f].parts.tokens) > 2 for f in fs):
            continue
        if types[root] != "person" and _cue_type(cluster_mentions_of(fs)) in ("place", "organisation"):
            continue  # spaCy labels alone do not block (it tags lone surnames as places); context cues do
        bearers: set[int] = set()
        candidates: set[int] = set()
        for f in fs:
            found = short_candidates(forms[f].parts.tokens, root)
            if found is not None:
                bearers.update(found[0])
                candidates.update(found[1])
        if candidates:
            short_choice[root] = (sorted(bearers), sorted(candidates))

    # an organisation named by its last word alone ("the Falcons" for "Riverside Falcons"), when unique
    org_forms = [
        f
        for f, form in enumerate(forms)
        if not form.acronym
        and len(form.content) >= 2
        and types[uf.find(f)] == "organisation"
        and any(_is_proper_name(mentions[i].text) for i in form.mentions)
    ]
    for root, fs in sorted(grouped.items()):
        if root in short_choice or types[root] not in ("organisation", "other"):
            continue
        if any(
            forms[f].acronym or len(forms[f].parts.tokens) != 1 or forms[f].key[0] in ORG_SUFFIXES for f in fs
        ):
            continue  # a generic head ("Police", "Council") alone may mean any body of that kind
        targets = {
            uf.find(g)
            for f in fs
            for g in org_forms
            if uf.find(g) != root and same_token(forms[g].content[-1], forms[f].parts.tokens[0])
        }
        if len(targets) == 1:
            (target,) = targets
            short_choice[root] = ([target], [target])

    def pick(choice: tuple[list[int], list[int]], doc: str) -> int | None:
        """The full name a short form means in ``doc``: the only candidate, the only bearer named there,
        or the dominant bearer; None when the evidence is ambiguous."""
        bearers, candidates = choice
        if len(candidates) == 1:
            return candidates[0]
        in_doc = [r for r in bearers if doc in full_docs[r]]
        if len(in_doc) == 1:
            return in_doc[0]
        return dominant(in_doc or bearers)

    def resolve(form_index: int, doc: str) -> int | None:
        """Cluster root of a form for a mention in ``doc`` (short forms may resolve per document)."""
        root = uf.find(form_index)
        choice = short_choice.get(root)
        if choice is None:
            return root
        picked = pick(choice, doc)
        return picked if picked is not None else root

    assignment: list[int | None] = [None] * len(mentions)
    for i, f in mention_form.items():
        assignment[i] = resolve(f, mentions[i].doc)

    # untrusted mentions (headline spans, capitalised fallbacks) only join established names
    blocked_forms: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for f, form in enumerate(forms):
        blocked_forms[_block(form.parts)].append(f)

    def lookup(text: str) -> int | None:
        key = name_key(text)
        if not key:
            return None
        if is_acronym(text):
            found = form_of.get(("<acronym>", *key))
            if found is None:
                found = spelled_by(text, -1)  # a root is one of its own forms
            return found
        if key in form_of:
            return form_of[key]
        parts = name_parts(text)
        for f in blocked_forms.get(_block(parts), []):
            if not forms[f].acronym and same_name(forms[f].parts, parts):
                return f
        return None

    starts = [m.start for m in mentions]
    ends = [m.end for m in mentions]
    next_root = len(forms)
    for i, m in enumerate(mentions):
        if trusted[i]:
            continue
        known = lookup(m.text)
        if m.removed:
            # a spelling inside removed boilerplate joins only a full name already established
            established = known is not None and len(forms[known].content) >= 2
            assignment[i] = resolve(known, m.doc) if established and known is not None else None
            continue
        if known is None:
            # a run-on span ("Name Confronts", "Later Name Surname") keeps its longest known part
            words = [(w.start(), w.end()) for w in re.finditer(r"[^\s,;:]+", m.text)]
            for size in range(len(words) - 1, 0, -1):
                for first in range(len(words) - size + 1):
                    s, e = words[first][0], words[first + size - 1][1]
                    while e > s and not m.text[e - 1].isalnum():
                        e -= 1
                    known = lookup(m.text[s:e])
                    if known is not None:
                        starts[i], ends[i] = m.start + s, m.start + e
                        break
                if known is not None:
                    break
        if known is None and m.label == CAPS:
            # a lone capitalised word NER missed ("Raisi praised"): a short form, unless it is a common word
            parts = name_parts(m.text)
            if len(parts.tokens) == 1 and parts.tokens[0] not in common_words and not is_acronym(m.text):
                found = short_candidates(parts.tokens, None)
                assignment[i] = None if found is None else pick(found, m.doc)
            continue
        if known is not None:
            assignment[i] = resolve(known, m.doc)
        elif (
            m.label == CAPS
            and not m.headline
            and len(name_parts(m.text).tokens) >= 2
            and {"org", "title"} & set(m.cues)
        ):
            # a capitalised run NER missed, named by a title or an organisation suffix
            assignment[i] = next_root
            next_root += 1

    by_root: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(assignment):
        if r is not None:
            by_root[r].append(i)
    for members in by_root.values():
        ms = [mentions[i] for i in members]
        # a demonym or group adjective (NORP) names no entity unless something says it is a place
        geo = sum("geo" in m.cues for m in ms)
        geo_weak = sum("geo_weak" in m.cues for m in ms)
        if all(m.label in ("NORP", CAPS) for m in ms) and not (geo or 2 * geo_weak >= len(ms)):
            for i in members:
                assignment[i] = None
    return MentionClusters(tuple(assignment), tuple(starts), tuple(ends))


def _canonical_name(mentions: Sequence[NameMention]) -> str:
    counts = Counter(m.text for m in mentions if m.trusted) or Counter(m.text for m in mentions)

    def rank(text: str) -> tuple[int, int, int, int, str]:
        parts = name_parts(text)
        content = sum(t not in PARTICLES for t in parts.tokens)
        shouting = int(is_acronym(text) or (text.isupper() and len(text) > 3))  # a dateline's capitals
        return (-content, shouting, -counts[text], int(not text[:1].isupper()), text)

    return min(counts, key=rank)


def build_roster(documents: Sequence[Document], parsed: Mapping[str, ParsedDocument]) -> tuple[Entity, ...]:
    """Entities of the story with variants and every mention."""
    mentions: list[NameMention] = []
    links: list[tuple[int, int]] = []
    for document in documents:
        if document.id not in parsed:
            continue
        names = extract_names(document, parsed[document.id])
        base = len(mentions)
        mentions.extend(names.mentions)
        links.extend((base + link.a, base + link.b) for link in names.links)
    common = frozenset(fold(w) for d in documents if d.id in parsed for w in _LOWERCASE_WORD.findall(d.text))
    clusters = cluster_mentions(mentions, links, common)
    members: dict[int, list[NameMention]] = defaultdict(list)
    spellings: dict[int, set[str]] = defaultdict(set)
    for m, root, start, end in zip(mentions, clusters.roots, clusters.starts, clusters.ends, strict=True):
        if root is None:
            continue
        if m.removed:
            spellings[root].add(m.text)
            continue
        if (start, end) != (m.start, m.end):
            m = replace(m, start=start, end=end, text=m.text[start - m.start : end - m.start])
        members[root].append(m)
    drafts = []
    for root, ms in members.items():
        unique = {(m.doc, m.start, m.end): m for m in ms}
        ms = [unique[k] for k in sorted(unique)]
        name = _canonical_name(ms)
        drafts.append(
            (
                name,
                _entity_type(ms),
                tuple(sorted({m.text for m in ms} | spellings.get(root, set()))),
                tuple(Mention(m.doc, m.start, m.end) for m in ms),
            )
        )
    drafts.sort(key=lambda d: (-len(d[3]), d[0], d[3][0].doc, d[3][0].start))
    width = max(3, len(str(len(drafts))))
    return tuple(
        Entity(f"E{i:0{width}d}", name, kind, variants, ms)
        for i, (name, kind, variants, ms) in enumerate(drafts, start=1)
    )


def entity_index(entities: Iterable[Entity]) -> dict[tuple[str, int, int], str]:
    """Entity id of each exact mention span ``(doc, start, end)``."""
    return {(m.doc, m.start, m.end): e.id for e in entities for m in e.mentions}


class RosterIndex:
    """Which entities are named inside a character span: O(log m + k) per query after O(m log m) setup."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for e in entities:
            for m in e.mentions:
                by_doc[m.doc].append((m.start, m.end, e.id))
        self._spans = {doc: sorted(spans) for doc, spans in by_doc.items()}
        self._starts = {doc: [s for s, _, _ in spans] for doc, spans in self._spans.items()}

    def in_span(self, doc: str, start: int, end: int) -> tuple[str, ...]:
        """Ids of entities with a mention inside ``[start, end)`` of ``doc``, in order of first mention."""
        spans = self._spans.get(doc, [])
        lo = bisect.bisect_left(self._starts.get(doc, []), start)
        seen: dict[str, None] = {}
        for s, e, eid in spans[lo:]:
            if s >= end:
                break
            if e <= end:
                seen.setdefault(eid)
        return tuple(seen)
