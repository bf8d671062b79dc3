"""Name matching rules: folding, romanisation variants, given-name families, acronyms, spelling conventions.

Pure string functions, no model, no story-specific lists. The central idea: two spellings of one name
(Yusuf/Yousef, Kadyrov/Qadyrov, Rouhani/Ruhani) share a *consonant skeleton* once equivalent
consonants are mapped together (q/k/gh, kh/h, dh/z, ph/f, w/v, zh/j, sch/sh, tch/ch) and doubled
letters collapsed, and their vowel groups fall in the same class (e~i~y, o~u~ou~oo, ai~ay~ei~ey).
Vowels alone never make two names one (Hassan ≠ Hussein), and consonants are never edited freely
(Hatem ≠ Hakim: h,t,m against h,k,m). Each comparison is O(len(name)).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii


def word_set(words: str) -> frozenset[str]:
    """The set of whitespace-separated words of ``words`` (for the word lists below)."""
    return frozenset(words.split())


#: Arabic definite-article forms (with sun-letter assimilation) written before a hyphen: al-Sham, ash-Sham.
HYPHEN_ARTICLES = word_set(
    """
    al el ad ash as an ar at az ath adh ul ud ur us un ez es
    """
)
#: Article forms that also stand alone before a capitalised word ("Al Jazeera", "El Baradei").
SPACED_ARTICLES = frozenset({"al", "el"})
#: Name particles that are part of a name but never a name on their own.
PARTICLES = word_set(
    "bin ibn ben bint abu abou umm de da del della di dos du van von lo la le der den ter dei degli das do"
)
_PARTICLE_CANON = {"ibn": "bin", "ben": "bin", "abou": "abu"}
#: Generational suffixes: "John Smith Jr." is not "John Smith".
GENERATION_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})

#: Titles and ranks that precede a person's name (lowercase, without the trailing dot).
TITLES = word_set(
    """
    president vice prime minister premier chancellor secretary general gen brig brigadier col
    colonel lt lieutenant maj major capt captain cpt sgt sergeant cpl corporal pvt private adm
    admiral marshal commander cmdr sheikh shaikh sheik emir amir king queen prince princess sultan
    crown mr mrs ms miss dr prof professor sir dame lord lady judge justice senator sen rep
    representative congressman congresswoman governor gov mayor ayatollah imam rabbi pope cardinal
    bishop archbishop rev reverend pastor mufti mullah spokesman spokeswoman ambassador envoy deputy
    chairman chairwoman chief director foreign defence defense interior finance former late
    then-president then-prime acting mp mep president-elect sayyed sayyid hajji haji grand field
    """
)
#: Words of kinship that introduce a person ("his son X", "wife X").
KINSHIP = word_set(
    """
    son sons daughter daughters brother brothers sister sisters wife husband widow widower father
    mother cousin cousins nephew niece uncle aunt grandson granddaughter grandfather grandmother
    twin son-in-law brother-in-law father-in-law stepson stepdaughter stepfather stepmother fiancee
    fiance
    """
)
#: Last words that make a name an organisation ("4th Armoured Division", "Interior Ministry").
ORG_SUFFIXES = word_set(
    """
    division ministry group council agency party army brigade brigades battalion corps front
    movement committee commission organisation organization union association institute university
    college company corporation corp inc ltd llc plc bank court parliament assembly office
    department service services authority forces force guard guards initiative foundation fund
    network news times post bureau federation league alliance coalition club team channel television
    tv radio press telegraph journal herald tribune gazette review magazine airlines airways police
    militia regiment cabinet senate congress government administration board trust society church
    mosque school
    """
)
#: First words that make a name an organisation ("Ministry of Defence", "University of X").
ORG_HEADS = frozenset({"ministry", "university", "bank", "council", "department", "office", "court", "house"})
#: Words after a name that say it is an organisation ("the X group", "X television").
ORG_FOLLOWERS = word_set(
    """
    group groups organisation organization militia movement party rebels fighters faction agency
    company newspaper channel television tv magazine network alliance coalition insurgents jihadists
    firm
    """
)
#: Words after a name that say it is a place ("X air base", "X province").
PLACE_FOLLOWERS = word_set(
    """
    airbase airport base province city town village district region governorate county state border
    neighbourhood neighborhood port harbour harbor river valley mountains coast crossing camp prison
    hospital square street avenue road highway
    """
)
#: Words before a name that say it is a place ("in X", "the province of X").
PLACE_LEADERS = frozenset(
    {"in", "into", "from", "near", "toward", "towards", "across", "outside", "inside", "via"}
)
#: Nouns that, in apposition, say a name is a place ("X, the provincial capital", "the port town, X,").
PLACE_NOUNS = word_set(
    """
    city town village capital province district region governorate county port harbour harbor island
    neighbourhood neighborhood suburb municipality settlement oasis
    """
)
PLACE_OF = word_set(
    """
    province city town village region capital neighbourhood neighborhood district fall
    """
)

#: Given-name families: spellings of one name that vowel/consonant rules alone do not equate.
_GIVEN_NAME_FAMILIES = (
    "muhammad mohammed mohammad mohamed mohamad muhammed mohammod mehmet mehmed mohd muhamad mouhamed mouhammad muhamed mohamud",
    "ahmad ahmed ahmet",
    "abdullah abdallah abdulla abdalla abdellah",
    "abdul abdel abd abdal abdol",
    "yusuf yousef youssef yusef yousuf yusif jusuf youssouf yousif",
    "hussein husayn hussain hossein husain huseyin hosein houssein",
    "mustafa mustapha moustafa mostafa",
    "omar umar omer",
    "osama usama oussama",
    "khaled khalid",
    "said saeed saied",
    "mahmoud mahmud mahmood",
    "abdulaziz abdelaziz",
    "aleksandr alexander alexandr oleksandr aleksander",
    "sergei sergey serhiy sergiy",
    "dmitry dmitri dmytro dimitri",
    "yevgeny evgeny yevgeniy evgeni yevhen evgenii",
    "yuri yury yuriy iouri jurij",
    "mikhail michail",
    "nikolai nikolay mykola",
    "vladimir volodymyr wladimir",
    "andrei andrey andriy",
    "alexei alexey aleksei oleksiy aleksey",
    "pyotr petr petro",
    "fyodor fedor fiodor",
    "ilya ilia",
    "mohsen muhsin mohsin",
    "ali aly",
)
#: Common words of Arabic names and place names whose vowels are written differently ("sons of", "mountain",
#: "village"): Beni/Bani Suef-style spellings the a~e rule (final closed syllable only) does not reach.
_NAME_WORD_FAMILIES = (
    "bani beni banu",
    "jabal jebel djebel jbel",
    "kafr kfar kafar",
)
_FAMILY: dict[str, str] = {
    v: fam.split()[0] for fam in _GIVEN_NAME_FAMILIES + _NAME_WORD_FAMILIES for v in fam.split()
}

_ORDINAL_WORDS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
)
_ORDINALS = {
    w: f"{i}{'st' if i % 10 == 1 and i != 11 else 'nd' if i % 10 == 2 and i != 12 else 'rd' if i % 10 == 3 and i != 13 else 'th'}"
    for i, w in enumerate(_ORDINAL_WORDS.split())
    if i
}

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "–": "-", "‑": "-"}
)
_WORD = re.compile(r"[A-Za-z0-9'\-.&]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII form of ``text``: diacritics and scripts folded, apostrophes and dashes unified."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return anyascii(text).lower()


@lru_cache(maxsize=65536)
def spelling_key(word: str) -> str:
    """One key for British and American spellings of a folded word (armoured/armored, -ise/-ize, centre/center)."""
    w = _ORDINALS.get(word, word)
    if len(w) <= 4 or not w.isalpha():
        return w
    w = re.sub(r"our(s|ed|ing|ite|ites|able)?$", r"or\1", w) if len(w) > 5 else w
    w = re.sub(r"is(e|es|ed|ing|ation|ations)$", r"iz\1", w)
    w = re.sub(r"ys(e|es|ed|ing)$", r"yz\1", w)
    w = re.sub(r"([^aeiou])re$", r"\1er", w)
    w = re.sub(r"([^aeiou])res$", r"\1ers", w)
    w = re.sub(r"ence$", "ense", w) if w.endswith(("fence", "cence")) else w
    w = re.sub(r"ll(ed|ing|er)$", r"l\1", w)
    w = re.sub(r"ogue$", "og", w)
    return w.replace("ae", "e") if "ae" in w[1:] else w


@dataclass(frozen=True)
class NameParts:
    """A name split into folded tokens: articles dropped, particles normalised, generational suffix apart."""

    tokens: tuple[str, ...]
    suffix: str = ""


@lru_cache(maxsize=65536)
def name_parts(text: str) -> NameParts:
    """Folded name tokens of ``text`` ("al-Masri" → ("masri",), "Abdullah bin Nasser" → ("abdullah", "bin", "nasser"))."""
    words = [w.strip("'.-") for w in _WORD.findall(fold(text))]
    words = [w for w in words if w]
    tokens: list[str] = []
    suffix = ""
    for i, raw in enumerate(words):
        parts = [p for p in raw.split("-") if p]
        if len(parts) > 1 and parts[0] in HYPHEN_ARTICLES:
            parts = parts[1:]
        elif len(parts) == 1 and parts[0] in SPACED_ARTICLES and i + 1 < len(words):
            continue
        for part in parts:
            p = part.replace("'", "").replace(".", "")
            if not p:
                continue
            if p in GENERATION_SUFFIXES and tokens:
                suffix = "sr" if p == "senior" else "jr" if p == "junior" else p
                continue
            tokens.append(_PARTICLE_CANON.get(p, p))
    return NameParts(tuple(tokens), suffix)


def name_key(text: str) -> tuple[str, ...]:
    """Exact-match key of a name: folded tokens with one spelling convention (and the generational suffix)."""
    parts = name_parts(text)
    key = tuple(spelling_key(t) for t in parts.tokens)
    return (*key, f"<{parts.suffix}>") if parts.suffix else key


# --- romanisation variants -------------------------------------------------------------------------

_VOWELS = frozenset("aeiou")
#: Consonant spellings that stand for one sound across romanisation systems, longest first.
_CONSONANT_UNITS = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("gh", "k"),
    ("sh", "sh"),
    ("ch", "ch"),
    ("zh", "j"),
    ("th", "th"),
    ("dh", "z"),
    ("ph", "f"),
    ("ck", "k"),
)
_SINGLE_CONSONANT = {"q": "k", "w": "v", "x": "ks"}


def _is_vowel(s: str, i: int) -> bool:
    c = s[i]
    if c in _VOWELS:
        return True
    # y is a consonant before a vowel (Yusuf, Mayar, Tayyib) and a vowel elsewhere (Dmitry, Aylin).
    return c == "y" and not (i + 1 < len(s) and s[i + 1] in _VOWELS)


def _vowel_class(group: str) -> str:
    g = group.replace("y", "i")
    if g in ("ei", "ai", "ay", "ey", "aii"):
        return "AI"
    if g in ("au", "aw", "ao"):
        return "AU"
    out: list[str] = []
    for c in g:
        k = "A" if c == "a" else "I" if c in "ei" else "U"
        if not out or out[-1] != k:
            out.append(k)
    return "".join(out)


@dataclass(frozen=True)
class Romanised:
    """A token as alternating vowel-class and consonant slots: vowels[i] precedes consonants[i]."""

    consonants: tuple[str, ...]
    vowels: tuple[str, ...]  # len(consonants) + 1 slots, "" where no vowel is written


@lru_cache(maxsize=65536)
def romanised(token: str) -> Romanised:
    """Consonant skeleton and vowel classes of a folded token, under the romanisation equivalences."""
    s = re.sub(r"[^a-z]", "", token)
    if len(s) > 3 and s.endswith("h") and s[-2] in _VOWELS:
        s = s[:-1]  # Fatimah/Fatima, Aishah/Aisha: a final h after a vowel is often not written
    s = re.sub(r"([oe])ff$", r"\1v", s)  # Russian -off/-ov, -eff/-ev
    consonants: list[str] = []
    vowels: list[str] = [""]
    i = 0
    while i < len(s):
        if _is_vowel(s, i):
            j = i
            while j < len(s) and _is_vowel(s, j):
                j += 1
            vowels[-1] += s[i:j]
            i = j
            continue
        unit = None
        for spelling, canon in _CONSONANT_UNITS:
            if s.startswith(spelling, i):
                unit, i = canon, i + len(spelling)
                break
        if unit is None:
            c = s[i]
            if c == "c":
                unit = "s" if i + 1 < len(s) and s[i + 1] in "eiy" else "k"
            else:
                unit = _SINGLE_CONSONANT.get(c, c)
            i += 1
        for u in unit if unit == "ks" else (unit,):
            # doubled letters collapse (Hassan/Hasan), but only when no vowel is written between them
            if consonants and consonants[-1] == u and vowels[-1] == "":
                continue
            consonants.append(u)
            vowels.append("")
    return Romanised(tuple(consonants), tuple(_vowel_class(v) if v else "" for v in vowels))


def skeleton(token: str) -> tuple[str, ...]:
    """Consonant skeleton of a folded token (after given-name family), the blocking key for variant search."""
    return romanised(_FAMILY.get(token, token)).consonants


def _vowels_compatible(a: Romanised, b: Romanised) -> bool:
    n = len(a.vowels)
    written = [k for k in range(n) if a.vowels[k] or b.vowels[k]]
    for k in range(n):
        va, vb = a.vowels[k], b.vowels[k]
        if va == vb:
            continue
        # a/e alternate in a closed final syllable (Ahmad/Ahmed, Hamad/Hamed), nowhere else
        closed_last = k == n - 2 and k >= 1 and len(written) >= 2 and not a.vowels[-1] and not b.vowels[-1]
        if closed_last and {va, vb} == {"A", "I"}:
            continue
        return False
    return True


@lru_cache(maxsize=262144)
def same_token(a: str, b: str) -> bool:
    """Whether two folded name tokens are spellings of one name (romanisation, given-name family, spelling)."""
    if a == b:
        return True
    if _FAMILY.get(a, a) == _FAMILY.get(b, b):
        return True
    if spelling_key(a) == spelling_key(b):
        return True
    if len(a) < 3 or len(b) < 3 or not a.isalpha() or not b.isalpha() or a[0].isdigit():
        return False
    ra, rb = romanised(a), romanised(b)
    if ra.consonants != rb.consonants or not ra.consonants:
        return False
    return _vowels_compatible(ra, rb)


def same_name(a: NameParts, b: NameParts) -> bool:
    """Whether two names are one name token by token (same length, same generational suffix)."""
    return (
        a.suffix == b.suffix
        and len(a.tokens) == len(b.tokens)
        and all(same_token(x, y) for x, y in zip(a.tokens, b.tokens, strict=True))
    )


def contains_token(full: NameParts, token: str) -> int:
    """Index of the token of ``full`` that ``token`` spells (particles never match), or -1."""
    for i, t in enumerate(full.tokens):
        if t not in PARTICLES and same_token(t, token):
            return i
    return -1


# --- acronyms ------------------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "&", "de", "des", "du", "la", "le", "in", "on", "at", "to"}
)
_ACRONYM = re.compile(r"^(?:[A-Z]{2,8}|(?:[A-Z]\.){2,6}|[A-Z][A-Z&]{1,7})$")


def is_acronym(text: str) -> bool:
    """Whether ``text`` is written as an acronym (IMF, U.S., NATO)."""
    return bool(_ACRONYM.match(text.strip()))


def acronym_letters(text: str) -> str:
    """The letters of an acronym, uppercase, dots dropped ("U.S." → "US")."""
    return re.sub(r"[^A-Za-z]", "", text).upper()


def _initials(words: list[str], skip_function_words: bool) -> str:
    out = []
    for w in words:
        if skip_function_words and w.lower() in _FUNCTION_WORDS:
            continue
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1 and parts[0].lower() in HYPHEN_ARTICLES:
            parts = parts[1:]  # al-Sham contributes S
        if parts and parts[0][0].isalnum():
            out.append(parts[0][0].upper())
    return "".join(out)


def initials(name: str) -> frozenset[str]:
    """Acronyms a multi-word name can be shortened to, with and without its function words."""
    words = [w for w in re.split(r"\s+", fold(name).strip()) if w and w not in ("'s",)]
    if words and words[0] == "the":
        words = words[1:]
    if len(words) < 2:
        return frozenset()
    return frozenset(k for k in (_initials(words, True), _initials(words, False)) if len(k) >= 2)


def acronym_matches(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is formed from the initials of ``name`` ("IMF" ~ "International Monetary Fund")."""
    return acronym_letters(acronym) in initials(name)
