"""A repo card's markdown body -> safe HTML for the model and dataset pages.

A card is untrusted user content that other users' browsers render, so the HTML markdown-it produces (raw HTML
is allowed in the input because real cards use ``<div align="center">``, ``<details>`` and ``<img width=...>``)
goes through nh3 (the Rust ``ammonia`` sanitiser) with an explicit allow-list: no scripts, event handlers,
``style`` attributes, iframes, forms or objects, and only http(s)/mailto/relative links (http(s)/relative images).

Fenced code with a language is highlighted with Pygments at render time, before sanitising; the sanitiser keeps
exactly Pygments' token classes on ``<span>`` and ``highlight`` on ``<div>``, so a card cannot smuggle arbitrary
classes in but the colours survive. The stylesheet for those classes is ``localhub.pages.files.pygments_css()``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import quote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

# Cards above this size (UTF-8 bytes) are cut: rendering and sanitising are linear, but a 50 MB README would
# still stall the page. huggingface.co also refuses to render very large cards.
MAX_CARD_BYTES = 1_000_000

TRUNCATION_NOTE = (
    '<p class="card-truncated"><em>This card is larger than 1 MB; only its beginning is shown. '
    "Open the README file to see all of it.</em></p>"
)

LINK_REL = "noopener noreferrer nofollow"

_TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("pre", "code", "kbd", "samp", "var"),
    *("table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"),
    *("a", "img", "figure", "figcaption"),
    *("em", "strong", "b", "i", "u", "s", "del", "ins", "strike", "mark", "small", "sup", "sub", "abbr", "q"),
    *("details", "summary", "center"),
}
_ALIGNABLE = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "img", "td", "th", "table", "center")
_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
    "details": {"open"},
}
for _tag in _ALIGNABLE:
    _ATTRIBUTES.setdefault(_tag, set()).add("align")

# Pygments' short token classes ("k", "nf", "s2", ...): the only classes a card keeps.
_TOKEN_CLASSES = {name for name in STANDARD_TYPES.values() if name}
_CLASSES = {"span": _TOKEN_CLASSES, "div": {"highlight"}}

_URL_SCHEMES = {"http", "https", "mailto"}
_IMAGE_SCHEMES = {"", "http", "https"}  # "" is a relative URL


def _repo_relative(value: str) -> str | None:
    """The repo path a relative URL names (``plot.png``, ``./docs/a.md``), or None for any other URL."""
    parts = urlsplit(value.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = posixpath.normpath(parts.path)
    return None if path.startswith("..") else path


def _attribute_filter_for(base: str | None):
    """Images load without a click, so they get a narrower rule than links: http(s) or relative, no mailto.
    With ``base`` (a repo's page URL), relative URLs name files of the repo, as on huggingface.co: an image
    loads from ``{base}/resolve/main/...``, a link opens ``{base}/blob/main/...``."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src" and urlsplit(value.strip()).scheme.lower() not in _IMAGE_SCHEMES:
            return None
        if base and (tag, attribute) in (("img", "src"), ("a", "href")):
            path = _repo_relative(value)
            if path is not None:
                fragment = urlsplit(value.strip()).fragment
                url = f"{base}/{'resolve' if tag == 'img' else 'blob'}/main/{quote(path)}"
                return url + (f"#{fragment}" if fragment and tag == "a" else "")
        return value

    return keep


_attribute_filter = _attribute_filter_for(None)


def sanitize_html(html: str, base: str | None = None) -> str:
    """Keep only the allow-listed tags, attributes, classes and URL schemes; drop script/style with their text."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        allowed_classes=_CLASSES,
        url_schemes=_URL_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_attribute_filter_for(base),
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


@lru_cache(maxsize=1)
def _formatter() -> HtmlFormatter:
    # wrapcode: <pre><code> inside the div, as screen readers and copy buttons expect for code.
    return HtmlFormatter(cssclass="highlight", wrapcode=True)


def _fence(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A fence with a language Pygments knows is highlighted; anything else renders as markdown-it would."""
    token = tokens[idx]
    language = token.info.split(maxsplit=1)[0] if token.info.strip() else ""
    if language:
        try:
            lexer = get_lexer_by_name(language, stripnl=False)
        except ClassNotFound:
            pass
        else:
            return highlight(token.content, lexer, _formatter())
    return RendererHTML.fence(self, tokens, idx, options, env)


def _table_align(state: StateCore) -> None:
    """markdown-it aligns table cells with ``style="text-align:..."``; styles are stripped, ``align`` is not."""
    for token in state.tokens:
        if token.type in ("th_open", "td_open"):
            style = token.attrGet("style")
            if isinstance(style, str) and style.startswith("text-align:"):
                token.attrs.pop("style")
                token.attrSet("align", style.removeprefix("text-align:"))


def _any_link(url: str) -> bool:
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # markdown-it leaves ``[x](javascript:...)`` as literal text; making it a link lets the sanitiser, the one
    # place URL policy lives, drop the href and keep the link text, as huggingface.co and GitHub show it.
    md.validateLink = _any_link  # type: ignore[method-assign]
    md.add_render_rule("fence", _fence)
    md.core.ruler.push("table_align", _table_align)
    return md


def truncate_card(text: str) -> tuple[str, bool]:
    """The first ``MAX_CARD_BYTES`` of ``text`` (never splitting a character) and whether anything was cut."""
    data = text.encode("utf-8")
    if len(data) <= MAX_CARD_BYTES:
        return text, False
    return data[:MAX_CARD_BYTES].decode("utf-8", errors="ignore"), True


def render_markdown(text: str, base: str | None = None) -> str:
    """Render a card body (front matter already stripped) to sanitised HTML, safe to insert into a page as is.
    ``base``: the repo's page URL, against which relative links and images are resolved (see sanitize_html)."""
    text, truncated = truncate_card(text)
    html = sanitize_html(_parser().render(text), base)
    # The note is ours, added after sanitising so that its class survives.
    return html + TRUNCATION_NOTE if truncated else html
