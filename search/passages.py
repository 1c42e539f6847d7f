"""Where in a document a search matched: the best page and a snippet with the words marked.

The index holds one row per document with the terms of all its pages; once a document
is among the hits, its pages are read again here and analysed like the index analysed
them, so "tiloista" finds the page that says "tilat" and the hit names that page.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from materials.selectors import document_languages, pages_of, pdf_document_ids

from .analysis import index_terms_of_word
from .query import ParsedQuery

WORD = re.compile(r"[^\W_]+")
#: Words shown before and after the first match of a snippet.
CONTEXT_WORDS = 12


__all__ = ["Passage", "best_passages", "page_anchor", "pdf_document_ids"]


@dataclass
class Passage:
    page: int
    snippet: SafeString


def _query_terms(parsed: ParsedQuery) -> tuple[list[set[str]], list[set[str]]]:
    """Per query word: its own terms (lemmas, synonyms), and its compound parts apart,
    so that a page with the word itself beats one with a mere part of it."""
    groups = [g for g in parsed.groups if g.terms or g.synonyms or g.parts]
    strong = [set(g.terms) | set(g.synonyms) for g in groups]
    weak = [set(g.parts) for g in groups]
    return strong, weak


def _matches(text: str, groups: list[set[str]], language: str) -> tuple[list, set[int]]:
    """The spans of matching words and the indexes of the groups they match."""
    every = set().union(*groups) if groups else set()
    spans, matched = [], set()
    if not every:
        return spans, matched
    for found in WORD.finditer(text):
        word = unicodedata.normalize("NFKC", found.group()).casefold()[:40]
        terms = set(index_terms_of_word(word, language)) & every
        if terms:
            spans.append(found.span())
            matched.update(i for i, g in enumerate(groups) if g & terms)
    return spans, matched


def _snippet(text: str, spans: list[tuple[int, int]]) -> SafeString:
    positions = [m.span() for m in WORD.finditer(text)]
    first = next(i for i, p in enumerate(positions) if p == spans[0])
    start_word = max(0, first - CONTEXT_WORDS)
    end_word = min(len(positions) - 1, first + 2 * CONTEXT_WORDS)
    start, end = positions[start_word][0], positions[end_word][1]
    marked = {s for s in spans if start <= s[0] < end}
    out, at = [], start
    for begin, stop in sorted(marked):
        out.append(escape(text[at:begin]))
        out.append(f"<mark>{escape(text[begin:stop])}</mark>")
        at = stop
    out.append(escape(text[at:end]))
    body = " ".join("".join(out).split())
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if end_word < len(positions) - 1 else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 - every piece escaped above


def best_passages(document_ids: list[int], parsed: ParsedQuery) -> dict[int, Passage]:
    """{document id: the page matching most query words (the first of equals)}."""
    strong, weak = _query_terms(parsed)
    if not strong or not document_ids:
        return {}
    languages = document_languages(document_ids)
    best: dict[int, tuple[tuple[int, ...], Passage]] = {}
    for page in pages_of(document_ids).only("document_id", "number", "text").iterator():
        language = languages.get(page.document_id, "fi")
        spans, matched = _matches(page.text, strong, language)
        weak_spans, weak_matched = _matches(page.text, weak, language)
        if not spans and not weak_spans:
            continue
        score = (len(matched), len(spans), len(weak_matched), len(weak_spans))
        current = best.get(page.document_id)
        if current is None or score > current[0]:
            # The word itself is marked; parts of compounds only where it is absent.
            snippet = _snippet(page.text, spans or weak_spans)
            best[page.document_id] = (score, Passage(page.number, snippet))
    return {document_id: passage for document_id, (_score, passage) in best.items()}


def page_anchor(page: int) -> str:
    """The fragment of a document page's address that shows page `page` of its file."""
    return f"#page={page}"
