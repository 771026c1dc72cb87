"""The Secretariat's thesaurus: which subjects of the programme a text names, in the six languages.

The thesaurus explains a suggestion: beside two proposals the encoder finds close, staff
see the subjects they share ("Patents", "The Sustainable Development Goals"). It no longer
decides which proposals are close; a subject named by accident would only mislead, so a
term must name its subject and nothing else. The Secretariat edits the concepts and their
terms in the admin; a save or delete there applies at the next use, in every process.

How a term is matched (the syntax the Secretariat types in the admin):

- Latin and Cyrillic scripts: without case or accents, whole words only. "brevet" finds
  "brevet" and "Brevet", not "brevetabilité"; a word ending in "*" also finds longer
  words ("brevet*" finds "brevets", "патент*" finds "патентов"). Several words find the
  same words in a row, and each may end in "*" ("товарн* знак*" finds "товарных знаков").
  Hyphens and apostrophes separate words ("sud-sud", "droit d'auteur").
- A word written in capitals (two letters or more, without "*") is an acronym and finds
  only a word written in capitals: "IA" finds "IA" but not the "ai" of "j'ai", "ODD" is
  not the English "odd".
- Arabic: vowel marks and tatweel are ignored, the alef forms (أ إ آ ٱ) read as ا, ة as ه
  and ى as ي. A word is found after the conjunctions و ف, the prepositions ب ك ل and the
  article ال (or لل), and a term written with the article also finds the word without it:
  "تقليد" finds "التقليد", "والتقليد", "بالتقليد", but not "التقليدية" (traditional), the
  word of المعارف التقليدية (traditional knowledge). "*" works as above ("علام* تجاري*").
- Chinese (any term holding a Chinese character): found as written, anywhere in the text,
  since Chinese has no spaces between words. So a term must be specific enough to mean
  one thing: "气候变化" (climate change), never "环境" alone, which "网络环境" (the online
  environment) and "营商环境" (the business environment) contain.

The terms are compiled once per process and kept while the thesaurus's *version* (a token
in the shared cache) is unchanged; a save or delete of a concept or a term replaces the
version, so every process reads the thesaurus again at its next use. When the cache keeps
nothing (Redis unreachable), a process reads the thesaurus again after at most
``UNSHARED_LIFETIME_SECONDS``; its own changes apply at once.

Code that looks at many texts in one go calls ``current()`` once and uses the object it
returns; the module's functions check the version at every call.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from similarity.models import Concept, Term

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
FALLBACK_LANGUAGE = "en"
VERSION_KEY = "similarity:thesaurus-version"
UNSHARED_LIFETIME_SECONDS = 60.0
MIN_STEM_LETTERS = 3  # "a*" would find half the words of a text

_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_RANGES}]")
_ARABIC = re.compile("[\u0600-\u06ff]")
# A word: letters and digits, never a Chinese character (a Latin acronym glued to Chinese
# text, "AI技术", is a word of its own).
_WORD = re.compile(f"[^\\W_{_HAN_RANGES}]+")
_TERM_WORD = re.compile(f"([^\\W_{_HAN_RANGES}]+)(\\*?)")
_STAR_INSIDE_A_WORD = re.compile(r"\*(?=[^\W_])")
_UNIFIED = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # ta marbuta
        "ى": "ي",  # alef maqsura
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # keheh
        "ـ": None,  # tatweel
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
# What may come before an Arabic word, longest first: conjunction, preposition, article
# (ل with the article is written لل).
_PROCLITICS = tuple(
    sorted(
        (
            {c + p + a for c in _CONJUNCTIONS for p in _PREPOSITIONS for a in ("", "ال") if not (p == "ل" and a)}
            | {c + "لل" for c in _CONJUNCTIONS}
        )
        - {""},
        key=len,
        reverse=True,
    )
)
_MIN_ARABIC_CORE = 2


def _plain(text: str) -> str:
    """Accents and Arabic vowel marks removed, Arabic letter forms unified; case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_UNIFIED)


def _arabic_keys(word: str) -> frozenset[str]:
    """The word, and what is left of it after each run of proclitics it may begin with."""
    keys = {word}
    for proclitic in _PROCLITICS:
        if word.startswith(proclitic) and len(word) - len(proclitic) >= _MIN_ARABIC_CORE:
            keys.add(word[len(proclitic) :])
    return frozenset(keys)


def _arabic_core(word: str) -> str:
    """A term's word without its article: "التقليد" is looked for as "تقليد"."""
    if word.startswith("ال") and len(word) - 2 >= _MIN_ARABIC_CORE:
        return word[2:]
    return word


def language_code(language: str | None) -> str | None:
    """One of the six codes for a language code as the portal writes it ("zh", "zh_Hans", "fr-ch")."""
    if not language:
        return None
    code = language.lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-hans"
    if code in LANGUAGES:
        return code
    base = code.split("-")[0]
    return base if base in LANGUAGES else None


def validate_term(text: str) -> str:
    """The term as it will be stored (spaces tidied), or a ValidationError saying what is wrong."""
    text = " ".join(text.split())
    if not _WORD.search(text) and not _HAN.search(text):
        raise ValidationError(_("A term needs at least one letter."))
    if _STAR_INSIDE_A_WORD.search(text) or "**" in text or text.startswith("*"):
        raise ValidationError(_("Put “*” only at the end of a word, as in “brevet*”."))
    words = [] if _HAN.search(text) else _TERM_WORD.findall(_plain(text))
    # The first word picks the places to look; after it, a short stem only narrows the match.
    if words and words[0][1] and len(words[0][0]) < MIN_STEM_LETTERS:
        raise ValidationError(
            _("The first word needs at least %(count)d letters before its “*”: it would find too many words.")
            % {"count": MIN_STEM_LETTERS}
        )
    return text


# --- The compiled thesaurus ------------------------------------------------------------------


@dataclass(frozen=True)
class ConceptName:
    """A concept as staff see it beside a suggestion: its stable slug and its label."""

    slug: str
    label: str
    scope_area: bool = False


@dataclass(frozen=True)
class _Word:
    text: str  # case-folded, or as written for an acronym (Arabic: without its article)
    is_stem: bool
    is_acronym: bool

    def matches(self, token: _Token) -> bool:
        if self.is_acronym:
            return token.raw == self.text
        if self.is_stem:
            return any(key.startswith(self.text) for key in token.keys)
        return self.text in token.keys


@dataclass(frozen=True)
class _Token:
    raw: str  # as written, without accents
    keys: frozenset[str]  # case-folded; an Arabic word also without its proclitics


@dataclass(frozen=True)
class _Pattern:
    words: tuple[_Word, ...]
    concept: str


@dataclass(frozen=True)
class _ConceptInfo:
    slug: str
    scope_area: bool
    labels: dict[str, str]


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for raw in _WORD.findall(_plain(text)):
        folded = raw.casefold()
        keys = _arabic_keys(folded) if _ARABIC.search(folded) else frozenset((folded,))
        tokens.append(_Token(raw, keys))
    return tokens


def _term_words(text: str) -> tuple[_Word, ...]:
    words = []
    for written, star in _TERM_WORD.findall(_plain(text)):
        if not star and len(written) >= 2 and written.isupper():
            words.append(_Word(written, is_stem=False, is_acronym=True))
            continue
        folded = written.casefold()
        if _ARABIC.search(folded):
            folded = _arabic_core(folded)
        words.append(_Word(folded, is_stem=bool(star), is_acronym=False))
    return tuple(words)


class _Index:
    """The terms of one language (or of all six), ready to be looked up word by word."""

    def __init__(self) -> None:
        self.whole: dict[str, list[_Pattern]] = {}
        self.stems: dict[str, list[_Pattern]] = {}
        self.acronyms: dict[str, list[_Pattern]] = {}
        self.han: dict[str, set[str]] = {}  # Chinese term (folded) -> concepts
        self.stem_lengths: tuple[int, ...] = ()

    def add(self, concept: str, text: str) -> None:
        if _HAN.search(text):
            self.han.setdefault(_plain(text).casefold().replace("*", "").replace(" ", ""), set()).add(concept)
            return
        words = _term_words(text)
        if not words:
            return
        first = words[0]
        table = self.acronyms if first.is_acronym else self.stems if first.is_stem else self.whole
        table.setdefault(first.text, []).append(_Pattern(words, concept))

    def freeze(self) -> None:
        self.stem_lengths = tuple(sorted({len(stem) for stem in self.stems}))

    def concepts_in(self, text: str) -> set[str]:
        found: set[str] = set()
        tokens = _tokens(text)
        for position, token in enumerate(tokens):
            for pattern in self._starting_with(token):
                if pattern.concept in found:
                    continue
                following = tokens[position + 1 : position + len(pattern.words)]
                if len(following) == len(pattern.words) - 1 and all(
                    word.matches(next_token) for word, next_token in zip(pattern.words[1:], following, strict=True)
                ):
                    found.add(pattern.concept)
        if self.han and _HAN.search(text):
            folded = _plain(text).casefold()
            for term, concepts in self.han.items():
                if term in folded:
                    found |= concepts
        return found

    def _starting_with(self, token: _Token) -> Iterable[_Pattern]:
        yield from self.acronyms.get(token.raw, ())
        for key in token.keys:
            yield from self.whole.get(key, ())
            for length in self.stem_lengths:
                if length > len(key):
                    break
                yield from self.stems.get(key[:length], ())


class Thesaurus:
    """The concepts and terms of the database at one moment, compiled for matching."""

    def __init__(self, concepts: Iterable[_ConceptInfo], terms: Iterable[tuple[str, str, str]]):
        self._concepts = {concept.slug: concept for concept in concepts}
        self._by_language = {language: _Index() for language in LANGUAGES}
        self._every_language = _Index()
        for slug, language, text in terms:
            code = language_code(language)
            if code is None or slug not in self._concepts:
                continue
            self._by_language[code].add(slug, text)
            self._every_language.add(slug, text)
        for index in (*self._by_language.values(), self._every_language):
            index.freeze()

    @classmethod
    def from_database(cls) -> Thesaurus:
        label_fields = {language: build_localized_fieldname("label", language) for language in LANGUAGES}
        concepts = [
            _ConceptInfo(
                slug=row["slug"],
                scope_area=row["scope_area"],
                labels={language: row[field] for language, field in label_fields.items() if row[field]},
            )
            for row in Concept.objects.values("slug", "scope_area", *label_fields.values())
        ]
        terms = Term.objects.values_list("concept__slug", "language", "text")
        return cls(concepts, list(terms))

    def concepts_in(self, text: str, language: str | None = None) -> set[str]:
        """The slugs of the concepts a text names; with no (known) language, in any of the six."""
        code = language_code(language)
        index = self._by_language[code] if code else self._every_language
        return index.concepts_in(text or "")

    def label(self, slug: str, language: str | None) -> str:
        """The concept's label in a language, else in English; an unknown slug as words."""
        concept = self._concepts.get(slug)
        if concept is None:
            return slug.replace("_", " ").replace("-", " ")
        labels = concept.labels
        return labels.get(language_code(language) or FALLBACK_LANGUAGE) or labels.get(FALLBACK_LANGUAGE) or slug

    def name(self, slug: str, language: str | None) -> ConceptName:
        concept = self._concepts.get(slug)
        return ConceptName(slug, self.label(slug, language), bool(concept and concept.scope_area))

    def shared_concepts(self, text_a: str, lang_a: str | None, text_b: str, lang_b: str | None) -> list[ConceptName]:
        """The concepts both texts name, labelled in the active language: scope areas first, then by label."""
        shared = self.concepts_in(text_a, lang_a) & self.concepts_in(text_b, lang_b)
        language = translation.get_language() or FALLBACK_LANGUAGE
        names = [self.name(slug, language) for slug in shared]
        return sorted(names, key=lambda name: (not name.scope_area, name.label.casefold(), name.slug))


# --- One compiled thesaurus per process, kept while the version holds ------------------------

_lock = threading.Lock()
_compiled: tuple[str | None, float, Thesaurus] | None = None  # (version, compiled at, thesaurus)


def _version() -> str | None:
    """The thesaurus's current version token; None when the cache keeps nothing."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # add(): two processes starting at once agree on the first token written.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def current() -> Thesaurus:
    """The thesaurus as the database holds it now (compiled again only after a change)."""
    global _compiled
    version = _version()  # read before the rows: a change made meanwhile bumps it again
    compiled = _compiled
    if compiled is not None:
        compiled_version, compiled_at, thesaurus = compiled
        if version is not None and compiled_version == version:
            return thesaurus
        if version is None and time.monotonic() - compiled_at < UNSHARED_LIFETIME_SECONDS:
            return thesaurus
    with _lock:
        thesaurus = Thesaurus.from_database()
        _compiled = (version, time.monotonic(), thesaurus)
    return thesaurus


def forget() -> None:
    """Drop this process's compiled thesaurus (tests; a write that bypassed the signals)."""
    global _compiled
    _compiled = None


def thesaurus_changed() -> None:
    """Every process reads the thesaurus again at its next use."""
    forget()
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender=Concept, dispatch_uid="similarity_thesaurus_concept_saved")
@receiver(post_delete, sender=Concept, dispatch_uid="similarity_thesaurus_concept_deleted")
@receiver(post_save, sender=Term, dispatch_uid="similarity_thesaurus_term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="similarity_thesaurus_term_deleted")
def _thesaurus_edited(sender, **kwargs) -> None:
    # Now: the same request or test sees its own change. After the commit: a process that
    # compiled between the save and the commit (it could not see the row yet) compiles again.
    thesaurus_changed()
    transaction.on_commit(thesaurus_changed)


# --- The functions other apps call -----------------------------------------------------------


def concepts_in(text: str, language: str | None = None) -> set[str]:
    """The slugs of the concepts a text names (in its language, or in any of the six when None)."""
    return current().concepts_in(text, language)


def shared_concepts(text_a: str, lang_a: str | None, text_b: str, lang_b: str | None) -> list[ConceptName]:
    """The concepts two texts both name, each with its slug and its label in the active language."""
    return current().shared_concepts(text_a, lang_a, text_b, lang_b)


def concept_label(slug: str, language: str | None) -> str:
    """A concept's label in a language (English when it has none there)."""
    return current().label(slug, language)
