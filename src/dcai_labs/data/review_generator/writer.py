"""Write one product review for a given overall sentiment.

A review is planned before it is written: a product, a *style* and a length are drawn, then sentences
are filled in. The style is what makes the corpus more than a word list:

* ``clear``: every aspect agrees with the overall sentiment, in strong words;
* ``moderate``: most aspects agree, and the words are milder;
* ``mixed``: at least one aspect goes against the overall sentiment and the verdict is hedged or
  negated ("not bad for the price", "it wasn't worth it in the end"); only the verdict decides.

The label of a review is the sentiment it was planned with, never something read back from its text.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal, NamedTuple

from dcai_labs.data.review_generator.lexicon import ScoredWord, Tier
from dcai_labs.data.review_generator.vocabulary import (
    ATTITUDE_VERBS,
    DENIABLE_WORDS,
    EXTREME_WORDS,
    FEELINGS,
    GENERAL_WORDS,
    Aspect,
    Category,
    Product,
)

Style = Literal["clear", "moderate", "mixed"]

STYLES: tuple[Style, ...] = ("clear", "moderate", "mixed")
STYLE_WEIGHTS = (0.64, 0.30, 0.06)
#: probabilities of 1..5 sentences (mixed reviews need at least two).
LENGTH_WEIGHTS = (0.12, 0.23, 0.28, 0.22, 0.15)
#: which word intensities each style may use.
STYLE_TIERS: dict[Style, tuple[Tier, ...]] = {
    "clear": ("strong", "moderate"),
    "moderate": ("moderate", "mild"),
    "mixed": ("strong", "moderate", "mild"),
}
#: probability that an aspect agrees with the overall sentiment, per style.
AGREEMENT = {"clear": 1.0, "moderate": 0.9, "mixed": 0.5}

HEDGES = ("Honestly, ", "To be fair, ", "I have to say, ", "If I'm honest, ", "In my experience, ")


class Clause(NamedTuple):
    """A sentence, and whether it may be fused with another one by "but" (fragments may not)."""

    text: str
    joinable: bool = True


def agreement(product: Product, category: Category) -> dict[str, str]:
    """Format fields that make template sentences agree with a singular or plural product."""
    fields = dict(product=product.name, experience=category.experience)
    if product.plural:
        return fields | dict(
            this="these", it="them", It="They", they="they", is_="are", was="were", isnt="aren't", wasnt="weren't"
        )
    return fields | dict(this="this", it="it", It="It", they="it", is_="is", was="was", isnt="isn't", wasnt="wasn't")


def fill(template: str, fields: dict[str, str]) -> str:
    """Format a template; ``{is}`` is spelled ``is_`` in the dict because ``is`` is a keyword."""
    return template.replace("{is}", "{is_}").format(**fields)


def aspect_fields(aspect: Aspect) -> dict[str, str]:
    if aspect.plural:
        return dict(aspect=aspect.phrase, a_is="are", a_isnt="aren't", a_was="were")
    return dict(aspect=aspect.phrase, a_is="is", a_isnt="isn't", a_was="was")


def adverb(rng: random.Random, word: ScoredWord) -> str:
    """An intensifier that suits the word: "absolutely perfect", "very good", "perfectly fine"."""
    if word.word in EXTREME_WORDS:
        return rng.choice(("", "", "absolutely ", "truly ", "really "))
    if word.tier == "mild":
        return rng.choice(("", "", "perfectly ") if word.polarity else ("", "a bit ", "rather "))
    return rng.choice(("", "very ", "really ", "pretty ", "quite ", "fairly "))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def decapitalise(sentence: str) -> str:
    """Lower-case the first letter so a sentence can follow a comma, but keep "I" and "I'm" upright."""
    first = sentence.split(" ", 1)[0]
    if first == "I" or first.startswith("I'"):
        return sentence
    return sentence[:1].lower() + sentence[1:]


# --- aspect sentences -------------------------------------------------------------------------------


def _evaluation(rng: random.Random, aspect: Aspect, polarity: int, style: Style) -> Clause:
    """Judge an aspect with a VADER-scored word: "The battery life is really excellent."."""
    word = aspect.words.choose(rng, polarity, STYLE_TIERS[style])
    values = dict(adv=adverb(rng, word), word=word.word, Word=capitalise(word.word), **aspect_fields(aspect))
    templates = [
        ("The {aspect} {a_is} {adv}{word}.", True),
        ("The {aspect} {a_is} {adv}{word}.", True),
        ("I found the {aspect} {adv}{word}.", True),
        ("The {aspect} turned out to be {adv}{word}.", True),
        ("As for the {aspect}, {adv}{word}.", False),
    ]
    if word.tier != "mild":  # "Superb battery life." reads well; "Okay battery life." does not
        templates.append(("{Word} {aspect}.", False))
    template, joinable = rng.choice(templates)
    return Clause(template.format(**values), joinable)


def _negated_evaluation(rng: random.Random, aspect: Aspect, polarity: int) -> Clause:
    """Judge an aspect by denying the opposite: "The screen isn't bad at all." is mildly positive."""
    word = DENIABLE_WORDS.choose(rng, 1 - polarity, ("strong", "moderate", "mild")).word
    templates = (
        (
            "The {aspect} {a_isnt} {word} at all.",
            "The {aspect} {a_isnt} {word}, to be honest.",
            "I wouldn't call the {aspect} {word}.",
            "The {aspect} {a_isnt} {word} in the slightest.",
        )
        if polarity == 1
        else (
            "The {aspect} {a_isnt} {word}.",
            "The {aspect} {a_isnt} particularly {word}.",
            "I wouldn't call the {aspect} {word}.",
            "The {aspect} {a_was} not as {word} as I hoped.",
        )
    )
    return Clause(rng.choice(templates).format(word=word, **aspect_fields(aspect)))


def aspect_sentence(rng: random.Random, aspect: Aspect, polarity: int, style: Style, fields: dict[str, str]) -> Clause:
    """One sentence about one aspect: a concrete observation, a judgement, or a negated judgement."""
    draw = rng.random()
    if draw < 0.4:
        return Clause(fill(rng.choice(aspect.positive if polarity else aspect.negative), fields))
    if draw < 0.92 or style == "clear":
        return _evaluation(rng, aspect, polarity, style)
    return _negated_evaluation(rng, aspect, polarity)


# --- verdicts and closers ---------------------------------------------------------------------------


def _firm_verdict(rng: random.Random, label: int, tiers: Sequence[Tier], f: dict[str, str]) -> str:
    word = GENERAL_WORDS.choose(rng, label, tiers)
    feeling = FEELINGS.choose(rng, label, tiers).word
    verb = ATTITUDE_VERBS.choose(rng, label, ("strong", "moderate", "mild")).word
    options = [
        f"{rng.choice(('', 'Really ', 'Very ', 'So '))}{feeling} with {f['this']} {f['product']}.",
        f"Overall, {f['this']} {f['product']} {f['is_']} {adverb(rng, word)}{word.word}.",
        f"{capitalise(word.word)} {f['product']}.",
        f"All in all, I'm {feeling} with {f['it']}.",
        f"I regret buying {f['it']}." if verb == "regret" else f"I {verb} {f['it']}.",
    ]
    options += (
        ["Worth every penny.", f"Best {f['product']} I have ever {f['experience']}."]
        if label
        else ["Total waste of money.", f"Worst {f['product']} I have ever {f['experience']}."]
    )
    return capitalise(rng.choice(options))


def _hedged_verdict(rng: random.Random, label: int, f: dict[str, str], *, last: bool) -> str:
    """An overall judgement that is mild, negated or concessive; the kind bag-of-words models misread.

    Concessive openings ("Still, ...") need something to concede to, so they only end a review.
    """
    mild = GENERAL_WORDS.choose(rng, 1, ("mild",)).word
    denied_negative = DENIABLE_WORDS.choose(rng, 0, ("strong", "moderate")).word
    denied_positive = DENIABLE_WORDS.choose(rng, 1, ("strong", "moderate")).word
    pleased = FEELINGS.choose(rng, 1, ("moderate", "mild")).word
    let_down = FEELINGS.choose(rng, 0, ("strong", "moderate", "mild")).word
    if label:
        options = [
            f"Overall, {f['they']} {f['is_']} {mild} for the price.",
            f"Not {denied_positive}, but I'm {pleased} overall.",
            f"All in all, not {denied_negative} at all.",
            f"On balance I'm glad I bought {f['it']}.",
            f"{f['It']} {f['isnt']} {denied_negative}, and I'd buy {f['it']} again.",
        ]
        concessions = [f"Despite that, I'd buy {f['it']} again.", f"Still, I'm keeping {f['it']}."]
    else:
        options = [
            f"Overall, not {denied_positive}, and I'm sending {f['it']} back.",
            f"{f['It']} {f['wasnt']} worth it in the end.",
            f"I wanted to like {f['it']}, but I'm {let_down} overall.",
            f"On balance I regret buying {f['it']}.",
            f"{f['It']} {f['is_']} {mild}, I guess, but not worth the money.",
            f"Not {denied_negative}, but I won't be buying another.",
        ]
        concessions = [f"In the end {f['they']} went back to the shop.", f"Even so, I'm not keeping {f['it']}."]
    return capitalise(rng.choice(options + concessions if last else options))


def verdict(rng: random.Random, label: int, style: Style, fields: dict[str, str], *, last: bool) -> str:
    """The sentence that states the overall sentiment (and so decides mixed reviews)."""
    if style == "mixed" or (style == "moderate" and rng.random() < 0.1):
        return _hedged_verdict(rng, label, fields, last=last)
    return _firm_verdict(rng, label, STYLE_TIERS[style], fields)


def closer(rng: random.Random, label: int, fields: dict[str, str]) -> str:
    """A recommendation; some use sentiment-free words ("Save your money.") or negation ("No regrets.")."""
    options = (
        (
            "I'd recommend {it} to anyone.",
            "I can't recommend {it} enough.",
            "Would buy again.",
            "I've already ordered a second one as a gift.",
            "No regrets.",
        )
        if label
        else (
            "I can't recommend {it}.",
            "Would not buy again.",
            "I'm returning {it}.",
            "Save your money.",
            "Back {they} {go}.",
        )
    )
    return fill(rng.choice(options), {**fields, "go": "go" if fields["they"] == "they" else "goes"})


# --- assembling a review ----------------------------------------------------------------------------


def _polarities(rng: random.Random, label: int, style: Style, count: int) -> list[int]:
    """Polarity of each aspect sentence; a mixed review always has one aspect against its label."""
    polarities = [label if rng.random() < AGREEMENT[style] else 1 - label for _ in range(count)]
    if style == "mixed" and count:
        polarities[0] = 1 - label
        rng.shuffle(polarities)
    return polarities


def _join_contrast(rng: random.Random, clauses: list[Clause], polarities: list[int], label: int) -> list[str]:
    """Fuse a dissenting aspect with an agreeing one: "The screen is great, but the battery dies."."""
    texts = [c.text for c in clauses]
    against = [i for i, (c, p) in enumerate(zip(clauses, polarities)) if p != label and c.joinable]
    agreeing = [i for i, (c, p) in enumerate(zip(clauses, polarities)) if p == label and c.joinable]
    if not (against and agreeing) or rng.random() < 0.4:
        return texts
    i, j = against[0], agreeing[0]
    first, second = texts[i].rstrip("."), decapitalise(texts[j])
    joined = rng.choice(
        (f"{first}, but {second}", f"{first}, although {second}", f"{first}. On the other hand, {second}")
    )
    return [t for k, t in enumerate(texts) if k not in (i, j)] + [joined]


def _hedge(rng: random.Random, clause: Clause) -> Clause:
    if clause.joinable and rng.random() < 0.12:
        return Clause(rng.choice(HEDGES) + decapitalise(clause.text), joinable=False)
    return clause


def write_review(rng: random.Random, label: int, category: Category) -> str:
    """One review of a random product of ``category`` whose overall sentiment is ``label``."""
    product = rng.choice(category.products)
    fields = agreement(product, category)
    style: Style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
    length = rng.choices(range(1, 6), LENGTH_WEIGHTS)[0]
    if style == "mixed":
        length = max(length, 2)
    if length == 1 and rng.random() < 0.5:
        aspect = category.aspects[rng.choice(product.aspects)]
        return aspect_sentence(rng, aspect, label, "clear", fields).text

    context = fill(rng.choice(category.contexts), fields) if length >= 3 and rng.random() < 0.4 else None
    ending = closer(rng, label, fields) if length - (context is not None) >= 3 and rng.random() < 0.35 else None
    n_aspects = min(length - 1 - (context is not None) - (ending is not None), len(product.aspects))
    aspects = rng.sample(product.aspects, n_aspects)
    polarities = _polarities(rng, label, style, n_aspects)
    clauses = [
        _hedge(rng, aspect_sentence(rng, category.aspects[a], p, style, fields)) for a, p in zip(aspects, polarities)
    ]
    body = _join_contrast(rng, clauses, polarities, label)
    last = not body or rng.random() < 0.75
    final = verdict(rng, label, style, fields, last=last)
    sentences = body + [final] if last else [final] + body
    return " ".join(s for s in [context, *sentences, ending] if s)
