"""How one file is shown on a "blob" page: text or binary, highlighted lines with ``#L12`` anchors, sizes.

The lines are a table of our own rather than Pygments' ``linenos`` output because Pygments names its anchors
``L-12`` and huggingface.co (and GitHub) links lines as ``#L12``; learners paste such links into discussions.
Each row carries ``id="L<n>"`` and its number is a link to itself. Highlighting uses CSS classes only, so the page
needs ``pygments_css()`` once, and the same classes serve the highlighted code blocks of rendered cards.
"""

from __future__ import annotations

import codecs
import posixpath
from functools import lru_cache

from markupsafe import escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_for_filename
from pygments.util import ClassNotFound

# A bigger file is not rendered inline: the page shows its size and a download link (huggingface.co does the same).
MAX_INLINE_BYTES = 512 * 1024

# Same window as git's own binary detection (buffer_is_binary looks for a NUL in the first 8000 bytes).
BINARY_SNIFF_BYTES = 8000

PYGMENTS_STYLE = "default"

# The table's own layout, scoped like the token colours; kept here so the blob view needs one stylesheet.
_TABLE_CSS = """\
.highlight table.blob { border-collapse: collapse; width: 100%; }
.highlight td.blob-num { width: 1%; min-width: 3em; padding: 0 0.75em; text-align: right; color: #6e7781;
  user-select: none; vertical-align: top; }
.highlight td.blob-num a { color: inherit; text-decoration: none; }
.highlight td.blob-code { padding: 0 0.75em; white-space: pre; font-family: monospace; }
.highlight tr:target td { background-color: #fff8c5; }
"""


def is_binary(data: bytes) -> bool:
    """True if ``data`` should not be shown as text: a NUL in the first 8000 bytes, or not valid UTF-8.

    Only the first ``MAX_INLINE_BYTES`` are decoded (a bigger file is never shown inline anyway), with an
    incremental decoder so that a multi-byte character cut by that limit does not count as invalid.
    """
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return True
    head = data[:MAX_INLINE_BYTES]
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) == len(data))
    except UnicodeDecodeError:
        return True
    return False


def _lexer_for(path: str) -> Lexer:
    """Pygments' lexer for the file name, or plain text; newlines are kept as they are so line numbers match."""
    name = posixpath.basename(path)
    try:
        return get_lexer_for_filename(name, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=True)


@lru_cache(maxsize=1)
def _line_formatter() -> HtmlFormatter:
    # nowrap: bare highlighted lines; Pygments closes and reopens spans at every newline, so each line stands alone.
    return HtmlFormatter(nowrap=True)


def _split_lines(text: str) -> list[str]:
    """The file's lines as git counts them: a final newline ends the last line rather than starting a new one."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def highlight_lines(path: str, text: str) -> list[str]:
    """One HTML fragment per line of ``text``, highlighted by the lexer chosen from ``path``'s file name."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    source_lines = _split_lines(text)
    if not source_lines:
        return []
    html_lines = _split_lines(highlight(text, _lexer_for(path), _line_formatter()))
    if len(html_lines) != len(source_lines):
        # A lexer that changed the line structure would misnumber every line below: show plain text instead.
        return [str(escape(line)) for line in source_lines]
    return html_lines


def highlight_file(path: str, text: str) -> str:
    """The blob view of a text file: a table of highlighted lines, row ``n`` with ``id="Ln"`` and a link to ``#Ln``."""
    rows = [
        f'<tr id="L{n}"><td class="blob-num"><a href="#L{n}">{n}</a></td><td class="blob-code">{line}</td></tr>'
        for n, line in enumerate(highlight_lines(path, text), start=1)
    ]
    return '<div class="highlight"><table class="blob"><tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>"


def pygments_css() -> str:
    """The stylesheet for the highlight classes (files and card code blocks), every rule scoped to ``.highlight``.

    Only the token and background rules: Pygments' full ``get_style_defs`` also styles bare ``pre`` and its own
    line-number classes, which would leak into the rest of the page.
    """
    formatter = HtmlFormatter(style=PYGMENTS_STYLE)
    background = formatter.get_background_style_defs(".highlight")
    tokens = formatter.get_token_style_defs(".highlight")
    return "\n".join([*background, *tokens]) + "\n" + _TABLE_CSS


_UNITS = ("kB", "MB", "GB", "TB", "PB")


def _three_digits(value: float) -> str:
    """Three significant digits without trailing zeros: 1.52, 1.5, 15.2, 438."""
    text = f"{value:.{max(0, 2 - len(str(int(value))) + 1)}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def human_size(n: int) -> str:
    """A size as huggingface.co prints it: decimal units, three significant digits ("12 Bytes", "1.52 kB", "438 MB")."""
    if n < 1000:
        return f"{n} Byte" if n == 1 else f"{n} Bytes"
    value = float(n)
    for unit in _UNITS:
        value /= 1000
        # Round first: 999_999 bytes is "1 MB", not "1000 kB".
        if float(f"{value:.3g}") < 1000 or unit == _UNITS[-1]:
            return f"{_three_digits(float(f'{value:.3g}'))} {unit}"
    raise AssertionError("unreachable")
