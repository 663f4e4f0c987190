"""Texts and edits that imitate what goes wrong when reviews are scraped: junk rows and near duplicates.

Junk rows are not reviews at all, so they have no true sentiment. Four kinds are made, each the way it
usually sneaks into a scraped corpus:

* ``html``: page furniture (footers, pagination, cookie banners, scripts) captured instead of a review;
* ``empty``: an empty string or only whitespace, left where a review body failed to load;
* ``other_language``: genuine reviews, but in Spanish, French or German, which an English-only
  sentiment model cannot use;
* ``off_topic``: spam, delivery complaints and unrelated chatter posted in the review box.

Near duplicates are a review posted twice with a small change: a typo, different punctuation or
casing, a word swapped for an equivalent one, or a word added.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from dcai_labs.data.review_generator.writer import decapitalise

JUNK_KINDS: tuple[str, ...] = ("html", "empty", "other_language", "off_topic")

_HTML_FRAGMENTS = (
    '<div class="review-footer">{n} people found this helpful</div>',
    '<a href="/reviews?page={n}">Next page &raquo;</a>',
    '<span class="badge">Verified Purchase</span>',
    '<button class="report" data-id="{id}">Report abuse</button>',
    '<p>Was this review helpful? <a href="#">Yes</a> | <a href="#">No</a></p>',
    '<script>window.dataLayer.push({{"event": "review_view", "id": {id}}});</script>',
    '<div class="pagination">Showing {n}-{m} of {id} reviews</div>',
    '<li><a href="/account/login">Sign in</a> to write a review</li>',
    '<select name="sort"><option>Most recent</option><option>Top rated</option></select>',
    "&nbsp;<br/>&nbsp;<br/>",
    "<footer>&copy; 20{yy} ShopCo Ltd. All rights reserved. | Privacy | Terms</footer>",
    '<div id="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>',
    '<meta name="robots" content="noindex"><link rel="stylesheet" href="/css/reviews.{id}.css">',
    "<!-- review widget v{n}.{m} -->",
)

_FOREIGN_SENTENCES = {
    "es": (
        "Me encanta este producto.",
        "Muy buena calidad, lo recomiendo.",
        "La batería dura muy poco.",
        "No funciona bien y no lo recomiendo.",
        "Llegó roto y el vendedor no responde.",
        "Excelente relación calidad-precio.",
        "El sonido es increíble.",
        "Es cómodo y se ve muy bien.",
        "Después de una semana dejó de funcionar.",
        "No vale lo que cuesta.",
    ),
    "fr": (
        "Très bon produit, je le recommande.",
        "La qualité est décevante.",
        "Conforme à la description.",
        "Ne fonctionne plus après deux semaines.",
        "Je suis très satisfaite de mon achat.",
        "Le tissu est agréable et la taille correspond.",
        "Trop cher pour ce que c'est.",
        "Mes enfants l'adorent.",
        "L'odeur est vraiment désagréable.",
        "Je ne l'achèterai plus jamais.",
    ),
    "de": (
        "Sehr gutes Produkt, klare Empfehlung.",
        "Leider nach einer Woche kaputt.",
        "Die Qualität ist enttäuschend.",
        "Der Akku hält ewig.",
        "Passt perfekt und ist sehr bequem.",
        "Würde ich nicht wieder kaufen.",
        "Preis und Leistung stimmen.",
        "Die Anleitung ist unverständlich.",
        "Meine Tochter spielt jeden Tag damit.",
        "Riecht stark nach Chemie.",
    ),
}

_OFF_TOPIC = (
    "Earn ${n} a week from home, no experience needed! Visit {url}",
    "FREE gift cards for the first {n} people: {url}",
    "Follow my page for daily deals and coupon codes!! {url}",
    "Cheap designer watches, {pct}% off today only at {url}",
    "The package arrived {k} days late and the box was soaking wet.",
    "The courier left it with a neighbour {k} doors down without telling me.",
    "Tracking said delivered, but it only showed up {k} days later.",
    "Order #{id} was split into two shipments for some reason.",
    "Does anyone know if the store on Main Street is open on Sundays? Asking for {name}.",
    "Happy birthday to my sister {name}!!",
    "test review please ignore {id}",
    "Writing this on my lunch break, the weather is lovely today. Hi {name}!",
    "Can someone tell me how to change my delivery address? Order {id}.",
    "I am posting this for my mum, who does not have an account. Say hello, {name}.",
)
_NAMES = ("Sarah", "Tom", "Priya", "Kofi", "Mei", "Lucas", "Amara", "Jonas", "Elena", "Sam")
_WHITESPACE = (" ", " ", "  ", "\n", "\t", "\r\n")


def _html(rng: random.Random) -> str:
    pieces = rng.sample(_HTML_FRAGMENTS, rng.randint(2, 4))
    n = rng.randint(1, 99)
    values = dict(n=n, m=n + rng.randint(1, 20), id=rng.randint(1000, 99999), yy=rng.randint(10, 26))
    return rng.choice(("\n", "", " ")).join(p.format(**values) for p in pieces)


def _empty(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return ""
    return "".join(rng.choice(_WHITESPACE) for _ in range(rng.randint(1, 6)))


def _other_language(rng: random.Random) -> str:
    sentences = _FOREIGN_SENTENCES[rng.choice(tuple(_FOREIGN_SENTENCES))]
    return " ".join(rng.sample(sentences, rng.randint(1, 3)))


def _off_topic(rng: random.Random) -> str:
    url = f"www.{rng.choice(('deals', 'bestprice', 'freeprize', 'shop-now'))}{rng.randint(1, 999)}.example"
    return rng.choice(_OFF_TOPIC).format(
        n=rng.randint(2, 90) * 10,
        pct=rng.randint(2, 7) * 10,
        k=rng.randint(2, 12),
        url=url,
        id=rng.randint(10000, 999999),
        name=rng.choice(_NAMES),
    )


JUNK_WRITERS: dict[str, Callable[[random.Random], str]] = {
    "html": _html,
    "empty": _empty,
    "other_language": _other_language,
    "off_topic": _off_topic,
}


def junk_text(rng: random.Random, kind: str) -> str:
    """One junk row of the given kind (see the module docstring)."""
    return JUNK_WRITERS[kind](rng)


# --- near-duplicate edits ----------------------------------------------------------------------------
# Each edit returns the edited text, or None when it does not apply to this text.

_SWAPS = (
    ("really ", "very "),
    ("very ", "really "),
    ("I am ", "I'm "),
    ("I'm ", "I am "),
    ("I have ", "I've "),
    ("I've ", "I have "),
    ("does not ", "doesn't "),
    ("did not ", "didn't "),
    ("it is ", "it's "),
    ("bought ", "purchased "),
    ("Overall, ", "Overall "),
    ("All in all, ", "All in all "),
    (" but ", " but honestly "),
    ("absolutely ", "totally "),
)
_WORD = re.compile(r"[A-Za-z]{4,}")


def _typo(rng: random.Random, text: str) -> str | None:
    words = list(_WORD.finditer(text))
    if not words:
        return None
    match = rng.choice(words)
    word, i = match.group(), rng.randint(1, len(match.group()) - 2)
    typo = rng.choice(
        (
            word[:i] + word[i + 1] + word[i] + word[i + 2 :],  # swap two neighbours
            word[:i] + word[i + 1 :],  # drop a letter
            word[:i] + word[i] + word[i:],  # double a letter
        )
    )
    return text[: match.start()] + typo + text[match.end() :]


def _punctuation(rng: random.Random, text: str) -> str | None:
    options = []
    if text.endswith("."):
        options += [text[:-1], text[:-1] + "!", text[:-1] + "...", text + "."]
    if ", " in text:
        options.append(text.replace(", ", " - ", 1))
    if ". " in text:
        options.append(text.replace(". ", "! ", 1))
    return rng.choice(options) if options else None


def _casing(rng: random.Random, text: str) -> str | None:
    lowered = text.lower()
    return lowered if lowered != text else None


def _swap_word(rng: random.Random, text: str) -> str | None:
    options = [(old, new) for old, new in _SWAPS if old in text]
    if not options:
        return None
    old, new = rng.choice(options)
    return text.replace(old, new, 1)


def _add_word(rng: random.Random, text: str) -> str:
    if " is " in text and rng.random() < 0.5:
        return text.replace(" is ", " is really ", 1)
    return rng.choice(("Honestly, ", "Update: ", "Edit: ", "So ")) + decapitalise(text)


NEAR_DUPLICATE_EDITS: tuple[Callable[[random.Random, str], str | None], ...] = (
    _typo,
    _punctuation,
    _casing,
    _swap_word,
    _add_word,
)


def near_duplicate(rng: random.Random, text: str) -> str:
    """``text`` with one or two small edits of different kinds; always different from ``text``."""
    wanted = 1 if rng.random() < 0.7 else 2
    edited = text
    for edit in rng.sample(NEAR_DUPLICATE_EDITS, len(NEAR_DUPLICATE_EDITS)):
        candidate = edit(rng, edited)
        if candidate is not None and candidate != edited:
            edited, wanted = candidate, wanted - 1
        if wanted == 0 and edited != text:
            return edited
    return edited if edited != text else _add_word(rng, text)
