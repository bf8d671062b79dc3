"""Generate a synthetic news corpus with controlled copying, for any size, deterministic by seed.

Each story is an invented event (invented people, places, organisations, numbers, dates) of one
of several kinds. It is reported by one origin report and its derivatives, and by independent
reports:
  * copy      - the origin with a few word-level edits and the outlet's own boilerplate line;
  * excerpt   - a contiguous run of the origin's sentences;
  * rewrite   - the origin reworded (synonyms, clause order), with mutations (a number, the
                place or the weekday changed) listed in the gold file;
  * independent - a new report of the same facts in other words (its own family).
Records are JSONL ``{"id","story","text","title","outlet","published","url"}``; the gold file lists
stories, families (the origin and its derivatives), provenance edges and mutations.

Usage: .venv/bin/python benchmarks/generate_corpus.py --articles 1000 --seed 1 --out corpus.jsonl [--gold gold.json]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

_ONSETS = [
    "b",
    "d",
    "f",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "dr",
    "kr",
    "st",
    "tr",
    "sh",
]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ei"]
_CODAS = ["", "", "n", "r", "l", "s", "k", "m"]

KINDS: dict[str, dict[str, list[str]]] = {
    "fire": {
        "lead": [
            "A fire broke out at a {org} warehouse in {place} on {weekday}, killing {number} people.",
            "At least {number} people died when fire swept through a {org} warehouse in {place} on {weekday}.",
        ],
        "body": [
            "Firefighters fought the blaze for several hours before bringing it under control.",
            "{person}, a spokesperson for the fire service, said the cause was not yet known.",
            "Residents said they heard a loud explosion shortly before the flames spread.",
            "The warehouse stored chemicals and packaging material, officials said.",
            "{person} said investigators would examine the electrical wiring of the building.",
            "Local authorities opened an inquiry into safety conditions at the site.",
            "Several injured workers were taken to hospitals in {place}.",
        ],
    },
    "election": {
        "lead": [
            "{person} won the mayoral election in {place} on {weekday} with {number} percent of the vote.",
            "Voters in {place} elected {person} as mayor on {weekday}, giving the candidate {number} percent.",
        ],
        "body": [
            "Turnout was higher than at the previous election, the electoral commission said.",
            "{person} promised to improve public transport and housing in the city.",
            "The defeated candidate of the {org} conceded late in the evening.",
            "Observers reported no serious irregularities at polling stations.",
            "Supporters gathered in the central square to celebrate the result.",
            "The new council will meet for the first time next month.",
        ],
    },
    "strike": {
        "lead": [
            "Workers at {org} in {place} walked out on {weekday}, demanding a pay rise of {number} percent.",
            "Thousands of {org} employees in {place} began a strike on {weekday} over a {number} percent pay claim.",
        ],
        "body": [
            "Union leader {person} said the strike would continue until management returned to talks.",
            "The company said it had offered a smaller increase and called the walkout unnecessary.",
            "Production lines stood still and deliveries were delayed across the region.",
            "{person} told reporters that members had voted overwhelmingly for the action.",
            "Negotiations are expected to resume later in the week, both sides said.",
            "Local businesses said the stoppage was already affecting their orders.",
        ],
    },
    "flood": {
        "lead": [
            "Floods caused by heavy rain forced {number} residents of {place} to leave their homes on {weekday}.",
            "Heavy rain flooded large parts of {place} on {weekday}, and {number} people were evacuated.",
        ],
        "body": [
            "The river burst its banks after three days of continuous rainfall.",
            "Emergency crews from {org} used boats to reach stranded families.",
            "{person}, who leads the regional emergency service, said more rain was forecast.",
            "Schools and several roads were closed as a precaution.",
            "Farmers reported heavy losses of crops and livestock.",
            "Volunteers distributed food and blankets at temporary shelters.",
        ],
    },
    "merger": {
        "lead": [
            "{org} agreed on {weekday} to buy a rival based in {place} for {number} million dollars.",
            "{org} announced on {weekday} a deal worth {number} million dollars to acquire a company in {place}.",
        ],
        "body": [
            "The combined group would become the largest supplier in the region, analysts said.",
            "Chief executive {person} said the deal would create savings within two years.",
            "Shares of both companies rose sharply after the announcement.",
            "The acquisition still needs approval from competition regulators.",
            "{person} said no job cuts were planned at the factory in {place}.",
            "Investors welcomed the move, although some questioned the price.",
        ],
    },
    "trial": {
        "lead": [
            "A court in {place} sentenced {person} on {weekday} to {number} years in prison for fraud.",
            "{person} was jailed for {number} years by a court in {place} on {weekday} after a fraud trial.",
        ],
        "body": [
            "Prosecutors said the scheme had cost investors of {org} millions.",
            "The defence said it would appeal against the verdict.",
            "The judge described the offences as carefully planned and repeated.",
            "Several former employees of {org} testified during the trial.",
            "Victims of the scheme welcomed the sentence outside the courtroom.",
            "The trial lasted more than four months.",
        ],
    },
}

# Context sentences any story may carry; they make articles news-length and share vocabulary
# across stories, so story clustering has to rely on the story's own names and facts.
BACKGROUND = [
    "{place} has a population of about {small} thousand and lies on the main road to the coast.",
    "The region's economy depends on farming, light industry and a growing number of small businesses.",
    "{org} employs about {small} hundred people in the area, according to its annual report.",
    "{person} has lived in {place} for most of the past two decades.",
    "The regional government has promised new investment in roads, schools and hospitals.",
    "Local newspapers have covered the issue for several weeks, and public interest remains high.",
    "Opposition politicians called for a full and independent review of what happened.",
    "Critics said warnings had been ignored for years, a claim officials rejected.",
    "A statement posted on the website of {org} gave few further details.",
    "Earlier this year {place} hosted a national conference on public safety and planning.",
    "{person} declined to comment further when contacted by telephone on {weekday} evening.",
    "The national statistics office said prices in the region rose faster than the average last year.",
    "Community groups in {place} said they would organise a public meeting next week.",
    "Analysts said it was too early to judge the long-term consequences for the region.",
    "The events in {place} drew comparisons with a similar case in another province two years ago.",
    "Police said they had increased patrols in the centre of {place} as a precaution.",
]

# Sentences about the story's own particulars (streets, projects, witnesses): invented words
# drawn from a per-story pool, so reports of one story share specifics as real ones do.
DETAILS = [
    "The {d0} district near {d1} Street was the most affected, witnesses said.",
    "{person} mentioned the {d2} project, which had been discussed in {d3} since spring.",
    "According to {d4} residents, the {d5} bridge was closed for most of the day.",
    "A local group called {d6} Friends said it would help those affected.",
    "Photographs shared online showed crowds outside the {d7} building in {place}.",
]

SYNONYMS = {
    "said": "stated",
    "people": "persons",
    "officials": "authorities",
    "began": "started",
    "large": "big",
    "several": "a number of",
    "expected": "likely",
    "sharply": "strongly",
    "reported": "described",
    "leave": "flee",
    "heavy": "severe",
    "deal": "agreement",
    "company": "firm",
    "killing": "leaving dead",
    "won": "secured",
    "walked out": "went on strike",
    "later": "afterwards",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = [
    "Daily Ledger",
    "Evening Courier",
    "Morning Wire",
    "City Herald",
    "Coast Gazette",
    "National Post-Bulletin",
]


def invented_word(rng: random.Random, syllables: int) -> str:
    """An invented, pronounceable word (no real names)."""
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    ).capitalize()


@dataclass
class Story:
    """The facts of one invented event."""

    id: str
    kind: str
    place: str
    org: str
    people: list[str]
    number: int
    day: date
    details: list[str] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)

    def facts(self, rng: random.Random) -> dict[str, Any]:
        """The values templates are filled with."""
        return {
            "place": self.place,
            "org": self.org,
            "person": rng.choice(self.people),
            "number": self.number,
            "weekday": WEEKDAYS[self.day.weekday()],
            **{f"d{i}": word for i, word in enumerate(self.details)},
        }


def _sentences(story: Story, rng: random.Random, count: int) -> list[str]:
    templates = KINDS[story.kind]
    lead = rng.choice(templates["lead"]).format(**story.facts(rng))
    body = rng.sample(templates["body"], min(count - 1, len(templates["body"])))
    background = rng.sample(BACKGROUND, rng.randint(6, 12))
    facts = [sentence.format(**story.facts(rng)) for sentence in body]
    facts += [sentence.format(**story.facts(rng)) for sentence in rng.sample(DETAILS, rng.randint(2, 4))]
    context = [sentence.format(**story.facts(rng), small=rng.randint(2, 90)) for sentence in background]
    # Story facts first, then context, as a news report is written (inverted pyramid).
    return [lead, *facts[:3], *context[: len(context) // 2], *facts[3:], *context[len(context) // 2 :]]


def _reword(sentence: str, rng: random.Random) -> str:
    for word, other in SYNONYMS.items():
        if f" {word} " in sentence and rng.random() < 0.7:
            sentence = sentence.replace(f" {word} ", f" {other} ", 1)
    if ", " in sentence and rng.random() < 0.3:
        head, tail = sentence.rstrip(".").split(", ", 1)
        sentence = f"{tail[0].upper()}{tail[1:]}, {head[0].lower()}{head[1:]}."
    return sentence


def _edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) // 100)):
        i = rng.randrange(len(words))
        words[i] = SYNONYMS.get(words[i], words[i])
    return " ".join(words)


def generate(articles: int, seed: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Return (records, gold) for about ``articles`` articles, deterministic in ``seed``."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    gold: dict[str, Any] = {"stories": {}, "families": [], "edges": [], "mutations": []}
    start = date(2030, 1, 1)
    story_number = 0
    while len(records) < articles:
        story_number += 1
        story = Story(
            id=f"S{story_number:05d}",
            kind=rng.choice(sorted(KINDS)),
            place=invented_word(rng, 2),
            org=f"{invented_word(rng, 2)} {rng.choice(['Group', 'Industries', 'Union', 'Holdings', 'Services'])}",
            people=[f"{invented_word(rng, 2)} {invented_word(rng, 3)}" for _ in range(3)],
            number=rng.randint(3, 95),
            day=start + timedelta(days=rng.randint(0, 365)),
            details=[invented_word(rng, 2) for _ in range(8)],
        )
        size = min(rng.randint(4, 16), articles - len(records))
        docs: list[dict[str, Any]] = []

        def emit(
            text: str, kind: str, day_offset: int, story: Story = story, docs: list[dict[str, Any]] = docs
        ) -> dict[str, Any]:
            outlet = rng.choice(OUTLETS)
            n = len(docs) + 1
            doc_id = f"{story.id}-{n:02d}"
            record = {
                "id": doc_id,
                "story": story.id,
                "title": text.split(". ")[0][:90],
                "text": text,
                "outlet": outlet,
                "published": (story.day + timedelta(days=day_offset)).isoformat(),
                "url": f"https://news.example/{outlet.lower().replace(' ', '-')}/{doc_id.lower()}",
                "_kind": kind,
            }
            docs.append(record)
            return record

        origin_sentences = _sentences(story, rng, rng.randint(6, 8))
        origin = emit(" ".join(origin_sentences), "origin", 0)
        family = [origin["id"]]
        while len(docs) < size:
            roll = rng.random()
            if roll < 0.25:
                record = emit(
                    _edit(origin["text"], rng) + f" Read more at {rng.choice(OUTLETS)}.",
                    "copy",
                    rng.randint(0, 1),
                )
                kind = "copy"
            elif roll < 0.4:
                k = rng.randint(max(3, len(origin_sentences) * 2 // 3), len(origin_sentences))
                record = emit(" ".join(origin_sentences[:k]), "excerpt", rng.randint(0, 2))
                kind = "excerpt"
            elif roll < 0.65:
                rewritten = [_reword(s, rng) for s in origin_sentences]
                mutated = rng.randrange(len(rewritten))
                before = rewritten[mutated]
                after = before.replace(str(story.number), str(story.number + rng.randint(1, 9)), 1)
                if after == before:
                    after = before.replace(story.place, invented_word(rng, 2), 1)
                rewritten[mutated] = after
                record = emit(" ".join(rewritten), "rewrite", rng.randint(0, 3))
                kind = "rewrite"
                if after != before:
                    gold["mutations"].append({"doc": record["id"], "from": before, "to": after})
            else:
                record = emit(
                    " ".join(_sentences(story, rng, rng.randint(5, 7))), "independent", rng.randint(0, 4)
                )
                gold["families"].append([record["id"]])
                continue
            family.append(record["id"])
            gold["edges"].append({"source": origin["id"], "target": record["id"], "kind": kind})
        gold["families"].append(family)
        gold["stories"][story.id] = [d["id"] for d in docs]
        records.extend(docs)
    # A stream sees stories interleaved, in publication order.
    records.sort(key=lambda r: (r["published"], r["id"]))
    kinds = {r["id"]: r.pop("_kind") for r in records}
    gold["kinds"] = kinds
    gold["families"].sort()
    return records, gold


def write(records: Sequence[dict[str, Any]], out: Path) -> None:
    """Write ``records`` as JSONL."""
    with out.open("wb") as handle:
        for record in records:
            handle.write(orjson.dumps(record) + b"\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Generate a corpus and its gold file."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--gold", type=Path, help="gold file (default: OUT with .gold.json)")
    args = parser.parse_args(argv)
    records, gold = generate(args.articles, args.seed)
    write(records, args.out)
    gold_path = args.gold or args.out.with_suffix(".gold.json")
    gold_path.write_bytes(orjson.dumps(gold, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    print(f"{len(records)} articles, {len(gold['stories'])} stories -> {args.out}, gold {gold_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
