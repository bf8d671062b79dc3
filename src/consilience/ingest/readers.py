"""Readers: files, folders, globs, JSON/JSONL records and stdin → ``Document``s.

Every problem is reported as ``InputError(source, problem)``; a reader never lets one bad file
stop the others (``read_inputs`` collects problems and goes on).
"""

from __future__ import annotations

import glob
import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from consilience.errors import InputError, InputNote
from consilience.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

#: One report larger than this is not a news report; refuse it with a clear message.
MAX_DOCUMENT_CHARS = 2_000_000
#: A single non-JSONL file larger than this is refused before reading (JSONL is streamed).
MAX_FILE_BYTES = 64 * 1024 * 1024
RECORD_FIELDS = ("id", "text", "title", "outlet", "published", "url")


@dataclass(frozen=True)
class ReadResult:
    """Documents read, and the problems met (each names its source), in input order."""

    documents: tuple[Document, ...]
    problems: tuple[InputError, ...]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 50)


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode bytes as UTF-8, else detect the encoding; returns (text, note about the encoding or None)."""
    if not data.strip():
        raise InputError(source, "the file is empty")
    if _looks_binary(data):
        raise InputError(
            source, "this is a binary file, not text (expected .txt, .md, .html, .json or .jsonl)"
        )
    try:
        # utf-8-sig: a byte-order mark is an encoding artefact, not text (it would open the title and first claim)
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in (None, "utf_8"):
        raise InputError(
            source,
            f"cannot be decoded as UTF-8 (byte {first_error.start}) and no other encoding fits; "
            "convert it to UTF-8",
        )
    text = str(best)
    if _control_ratio(text) > 0.02:
        raise InputError(source, "cannot be decoded as text in any known encoding; convert it to UTF-8")
    return text, f"not UTF-8; decoded as {best.encoding}"


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(text)


def _check_size(text: str, source: str) -> None:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(
            source,
            f"is {len(text):,} characters long, more than the {MAX_DOCUMENT_CHARS:,} a single report may have; "
            "split it into reports (one JSONL record each)",
        )


def _opt_str(record: Mapping[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and key in ("id", "published"):
        return str(value)
    if not isinstance(value, str):
        raise InputError(source, f'field "{key}" must be a string, not {type(value).__name__}')
    value = value.strip() if key != "text" else value
    return value or None


def _iso_published(value: str | None) -> str | None:
    """A record's publication date as ISO when it is written another way ("3 March 2025", RFC 2822)."""
    if value is None:
        return None
    try:
        date.fromisoformat(value[:10])
        return value  # already ISO (a full timestamp is kept)
    except ValueError:
        pass
    from dateutil import parser as date_parser

    try:
        when = date_parser.parse(value)
    except (ValueError, OverflowError):
        return value  # not a date we can read: passed through rather than lost
    # a year must be written: dateutil fills a missing one with the current year
    return when.date().isoformat() if re.search(r"\b\d{4}\b", value) else value


def document_from_record(record: Mapping[str, Any], source: str, default_id: str | None = None) -> Document:
    """A document from a record ``{"id","text","title","outlet","published","url"}``; InputError if unusable."""
    if not isinstance(record, Mapping):
        raise InputError(source, f"a record must be a JSON object, not {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(source, 'the record has no "text" string')
    if not text.strip():
        raise InputError(source, 'the record\'s "text" is empty')
    _check_size(text, source)
    doc_id = _opt_str(record, "id", source) or default_id
    if not doc_id:
        raise InputError(source, 'the record has no "id"')
    return Document(
        id=doc_id,
        text=text,
        title=_opt_str(record, "title", source),
        outlet=_opt_str(record, "outlet", source),
        published=_iso_published(_opt_str(record, "published", source)),
        url=_opt_str(record, "url", source),
        source=source,
    )


def _html_to_text(html: str, source: str) -> tuple[str, str | None]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text or not text.strip():
        raise InputError(source, "no article text could be extracted from this HTML page")
    title = None
    meta = trafilatura.extract_metadata(html)
    if meta is not None and meta.title:
        title = meta.title.strip() or None
    return text, title


def _records_from_json(text: str, source: str, stem: str) -> Iterator[Document | InputError]:
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        line = text.count("\n", 0, exc.pos) + 1 if exc.pos is not None else "?"
        yield InputError(source, f"malformed JSON at line {line}: {exc.msg}")
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield InputError(source, "the JSON list holds no records")
        return
    for n, item in enumerate(items, 1):
        where = source if len(items) == 1 else f"{source} (record {n})"
        default = stem if len(items) == 1 else f"{stem}-{n}"
        try:
            yield document_from_record(item, where, default)
        except InputError as err:
            yield err


def _records_from_lines(lines: Iterable[str], source: str, stem: str) -> Iterator[Document | InputError]:
    seen_any = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{source}, line {n}"
        try:
            item = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON: {exc.msg}")
            continue
        try:
            yield document_from_record(item, where, f"{stem}-{n}")
        except InputError as err:
            yield err
    if not seen_any:
        yield InputError(source, "the file is empty")


def read_bytes(name: str, data: bytes, source: str | None = None) -> list[Document]:
    """Documents from an uploaded file's bytes, by its extension; raises InputError if nothing is usable."""
    source = source or name
    results = list(_read_bytes(name, data, source))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, InputError)]
    if errors and not docs:
        raise errors[0]
    return docs


def _read_bytes(name: str, data: bytes, source: str) -> Iterator[Document | InputError]:
    path = Path(name)
    suffix = path.suffix.lower()
    stem = path.stem or "document"
    if suffix not in READABLE_SUFFIXES:
        yield InputError(
            source,
            f'unsupported file type "{suffix or "(none)"}" (expected .txt, .md, .html, .json or .jsonl)',
        )
        return
    try:
        text, note = decode_text(data, source)
    except InputError as err:
        yield err
        return
    if note:
        yield InputNote(source, note + " (analysed; offsets index the decoded text)")
    if suffix in (".jsonl", ".ndjson"):
        yield from _records_from_lines(io.StringIO(text), source, stem)
    elif suffix == ".json":
        yield from _records_from_json(text, source, stem)
    elif suffix in HTML_SUFFIXES:
        try:
            body, title = _html_to_text(text, source)
            _check_size(body, source)
        except InputError as err:
            yield err
            return
        yield Document(id=stem, text=body, title=title, source=source)
    else:
        try:
            _check_size(text, source)
        except InputError as err:
            yield err
            return
        yield Document(id=stem, text=text, source=source)


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Documents (or problems) of one file; JSONL is streamed line by line."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        try:
            with path.open("rb") as fh:
                if size == 0:
                    yield InputError(source, "the file is empty")
                    return
                yield from _records_from_lines(_decode_lines(fh, source), source, path.stem)
        except InputError as err:
            yield err
        except OSError as exc:
            yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    if size > MAX_FILE_BYTES:
        yield InputError(
            source,
            f"is {size / 1e6:.1f} MB, more than the {MAX_FILE_BYTES // (1024 * 1024)} MB a single file may have "
            "(for many reports use JSONL, which is streamed)",
        )
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _read_bytes(path.name, data, source)


def _decode_lines(fh: io.BufferedReader | Any, source: str) -> Iterator[str]:
    for n, raw in enumerate(fh, 1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{source}, line {n}", "is not UTF-8; JSONL must be UTF-8") from None


def expand_inputs(inputs: Sequence[str | Path]) -> tuple[list[Path | str], list[InputError]]:
    """Files named by paths, folders (recursively, readable types only) and globs, in a stable order."""
    found: list[Path | str] = []
    problems: list[InputError] = []
    for item in inputs:
        text = str(item)
        if text == "-":
            found.append("-")
            continue
        path = Path(text)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")
            )
            if not files:
                problems.append(
                    InputError(text, "the folder holds no readable reports (.txt, .md, .html, .json, .jsonl)")
                )
            found.extend(files)
        elif path.is_file():
            found.append(path)
        elif any(ch in text for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(text, recursive=True) if Path(m).is_file())
            if not matches:
                problems.append(InputError(text, "no file matches this pattern"))
            found.extend(matches)
        else:
            problems.append(InputError(text, "no such file or folder"))
    return _without_repeats(found), problems


def _without_repeats(found: list[Path | str]) -> list[Path | str]:
    """Each file once, at its first mention: a folder and a glob that overlap must not double a report."""
    seen: set[Path | str] = set()
    out: list[Path | str] = []
    for item in found:
        key = item.resolve() if isinstance(item, Path) else item
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _unique_ids(documents: list[Document]) -> tuple[list[Document], list[InputError]]:
    from dataclasses import replace

    seen: dict[str, int] = {}
    out: list[Document] = []
    problems: list[InputError] = []
    for d in documents:
        if d.id in seen:
            seen[d.id] += 1
            new_id = f"{d.id}~{seen[d.id]}"
            problems.append(
                InputNote(d.source or d.id, f'duplicate document id "{d.id}"; renamed "{new_id}"')
            )
            out.append(replace(d, id=new_id))
        else:
            seen[d.id] = 1
            out.append(d)
    return out, problems


def read_inputs(inputs: Sequence[str | Path | Document | Mapping[str, Any]]) -> ReadResult:
    """Read everything given (paths, globs, folders, "-" for JSONL on stdin, Documents, records)."""
    docs: list[Document] = []
    problems: list[InputError] = []
    paths: list[str | Path] = []
    for n, item in enumerate(inputs, 1):
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, Mapping):
            try:
                docs.append(document_from_record(item, f"record {n}", f"record-{n}"))
            except InputError as err:
                problems.append(err)
        else:
            paths.append(item)
    files, missing = expand_inputs(paths)
    problems.extend(missing)
    for f in files:
        stream: Iterator[Document | InputError]
        if f == "-":
            stream = _records_from_lines(sys.stdin, "<stdin>", "stdin")
        else:
            assert isinstance(f, Path)
            stream = read_path(f)
        for r in stream:
            (docs if isinstance(r, Document) else problems).append(r)  # type: ignore[arg-type]
    docs, renamed = _unique_ids(docs)
    problems.extend(renamed)
    return ReadResult(tuple(docs), tuple(problems))
