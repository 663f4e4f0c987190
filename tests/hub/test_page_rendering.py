"""The pure rendering modules behind the Hub's web pages: cards, file blobs, diffs, the dataset viewer, metrics.

No server here: each module takes text or bytes and returns HTML, SVG or plain data, so each is checked directly.
The card sanitiser is checked against the classic XSS vectors a learner's README could carry; the viewer against
the ``datasets`` library itself (the same split inference on a real folder), so that the page shows what
``load_dataset`` loads; the metrics reader against event files written by torch's ``SummaryWriter``.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from localhub.pages.diffs import patch_stats, render_patch
from localhub.pages.files import MAX_INLINE_BYTES, highlight_file, human_size, is_binary, pygments_css
from localhub.pages.markdown import MAX_CARD_BYTES, render_markdown
from localhub.pages.metrics import is_event_file, read_scalars, scalar_chart_svg, scalars_by_tag
from localhub.pages.viewer import SplitPreview, display_value, preview_dataset

# --- cards ---------------------------------------------------------------------------------------------------------

XSS_CARD = """\
# Model <script>alert(1)</script>

<img src=x onerror=alert(1)>

[click](javascript:alert(1)) [shout](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox(1))
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<a href="https://example.org" onclick="alert(1)" style="color:red">ok link</a>
![pixel](data:image/png;base64,iVBORw0KGgo=)

<iframe src="https://evil.example"></iframe>
<form action="https://evil.example"><input name="token"></form>
<object data="evil.swf"></object><embed src="evil.swf">
<svg onload=alert(1)><script>alert(1)</script></svg>
<style>body { display: none }</style>
<div style="position:fixed" onmouseover="alert(1)">text</div>
"""


def test_card_loses_every_script_vector_and_keeps_its_text() -> None:
    html = render_markdown(XSS_CARD).lower()
    for forbidden in (
        "<script",
        "alert",
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<form",
        "<input",
        "<object",
        "<embed",
        "<svg",
        "<style",
        "style=",
        "display: none",
    ):
        assert forbidden not in html, forbidden
    # The harmless parts survive: the texts of the neutralised links, the good link, the div's text.
    assert ">click</a>" in html and ">data link</a>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">ok link</a>' in html
    assert "<div>text</div>" in html and "<h1>model </h1>" in html


def test_card_keeps_the_markup_cards_use() -> None:
    card = (
        "## Results\n\n| metric | value |\n|:--|--:|\n| f1 | 0.91 |\n\n"
        "> quoted ~~old~~ <del>gone</del> *em* **strong** x<sup>2</sup> H<sub>2</sub>O\n\n---\n\n"
        "1. one\n2. two\n\n"
        '<details><summary>More</summary>hidden</details>\n\n<p align="center"><img src="https://example.org/a.png" '
        'width="200" alt="logo"> <img src="docs/b.png"> <img src="mailto:x@example.org"></p>\n\n'
        "[mail](mailto:ada@example.org) [doc](docs/README.md)\n"
    )
    html = render_markdown(card)
    assert "<h2>Results</h2>" in html
    assert '<th align="left">metric</th>' in html and '<td align="right">0.91</td>' in html
    assert "<blockquote>" in html and "<s>old</s>" in html and "<del>gone</del>" in html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<sup>2</sup>" in html and "<sub>2</sub>" in html and "<hr>" in html and "<ol>" in html
    assert "<details><summary>More</summary>hidden</details>" in html
    assert '<p align="center"><img src="https://example.org/a.png" width="200" alt="logo">' in html
    assert '<img src="docs/b.png">' in html
    assert "mailto:x@example.org" not in html  # an image never loads from mailto:
    assert '<a href="mailto:ada@example.org" rel="noopener noreferrer nofollow">mail</a>' in html
    assert '<a href="docs/README.md" rel="noopener noreferrer nofollow">doc</a>' in html


def test_card_code_blocks_are_highlighted_with_classes_the_sanitiser_keeps() -> None:
    card = '```python\ndef f(x):\n    return "<b>"  # note\n```\n\n```nosuchlang\n<b>raw</b>\n```\n'
    html = render_markdown(card + '<span class="k evil">kw</span>')
    block = html[html.index('<div class="highlight">') : html.index("</div>")]
    assert '<span class="k">def</span>' in block and '<span class="nf">f</span>' in block
    assert '<span class="s2">"&lt;b&gt;"</span>' in block and '<span class="c1"># note</span>' in block
    # An unknown language stays a plain escaped block, and a card cannot bring classes of its own.
    assert "<pre><code>&lt;b&gt;raw&lt;/b&gt;\n</code></pre>" in html
    assert '<span class="k">kw</span>' in html and "evil" not in html


def test_a_huge_card_is_cut_with_a_visible_note() -> None:
    small = render_markdown("é" * 10)
    assert "card-truncated" not in small
    html = render_markdown("é" * MAX_CARD_BYTES)  # 2 MB of two-byte characters
    assert html.endswith(
        '<p class="card-truncated"><em>This card is larger than 1 MB; only its beginning is shown. '
        "Open the README file to see all of it.</em></p>"
    )
    assert html.count("é") == MAX_CARD_BYTES // 2


# --- file blobs ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"plain text\n", False),
        ("naïve café ✓\n".encode(), False),
        (b"", False),
        (b"abc\x00def", True),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", True),
        (b"latin-1 caf\xe9", True),
        (b"a" * 9000 + b"\x00", False),  # a NUL after git's 8000-byte window: valid UTF-8, so text
        (b"a" * (MAX_INLINE_BYTES - 1) + "é".encode(), False),  # a character cut by the decoding window
    ],
)
def test_is_binary(data: bytes, binary: bool) -> None:
    assert is_binary(data) is binary


def test_highlight_file_numbers_and_anchors_every_line() -> None:
    text = '\n\nimport os\r\ns = """a\nb"""  # <c>\n'
    html = highlight_file("src/model.py", text)
    ids = re.findall(r'<tr id="L(\d+)"><td class="blob-num"><a href="#L(\d+)">(\d+)</a>', html)
    assert ids == [(str(n), str(n), str(n)) for n in range(1, 6)]  # leading blank lines kept, no phantom line 6
    assert '<span class="kn">import</span>' in html
    assert "&lt;c&gt;" in html and "<c>" not in html
    assert 'style="' not in html  # classes only
    # A multi-line string is closed and reopened per line, so every row is well-formed on its own.
    assert re.search(r'id="L4".*<span class="s2">s?"""a</span></td></tr>', html)


def test_highlight_file_picks_the_lexer_by_file_name() -> None:
    assert '<span class="gh"># Title</span>' in highlight_file("README.md", "# Title\n")
    assert '<span class="nt">"a"</span>' in highlight_file("config.json", '{"a": 1}')
    plain = highlight_file(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text")
    assert '<td class="blob-code">*.bin filter=lfs diff=lfs merge=lfs -text</td>' in plain
    assert highlight_file("empty.txt", "").count("<tr") == 0


def test_pygments_css_is_scoped_to_highlight() -> None:
    css = pygments_css()
    rules = [line for line in css.splitlines() if "{" in line]
    assert rules and all(rule.startswith(".highlight") for rule in rules)
    assert ".highlight .k {" in css and ".highlight .nf {" in css and ".highlight tr:target td" in css


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 Bytes"),
        (1, "1 Byte"),
        (12, "12 Bytes"),
        (999, "999 Bytes"),
        (1000, "1 kB"),
        (1200, "1.2 kB"),
        (1520, "1.52 kB"),
        (15_234, "15.2 kB"),
        (999_999, "1 MB"),
        (437_600_000, "438 MB"),
        (2_270_000_000, "2.27 GB"),
    ],
)
def test_human_size(n: int, text: str) -> None:
    assert human_size(n) == text


# --- diffs ---------------------------------------------------------------------------------------------------------

PATCH = """\
diff --git a/notes.txt b/notes.txt
index 1234567..89abcde 100644
--- a/notes.txt
+++ b/notes.txt
@@ -1,4 +1,4 @@ intro
 one
--- a deleted line that starts with two dashes
+<b>two</b>
 three
 four
@@ -10,2 +10,3 @@
 ten
-eleven
\\ No newline at end of file
+eleven
+twelve
\\ No newline at end of file
"""


def _rows(html: str) -> list[tuple[str, str, str, str]]:
    return re.findall(
        r'<tr class="(\w+)"><td class="num">(\d*)</td><td class="num">(\d*)</td><td class="code">(.*?)</td></tr>', html
    )


def test_render_patch_numbers_old_and_new_lines() -> None:
    rows = _rows(render_patch(PATCH))
    assert rows == [
        ("hunk", "", "", "@@ -1,4 +1,4 @@ intro"),
        ("ctx", "1", "1", '<span class="sign"> </span>one'),
        ("del", "2", "", '<span class="sign">-</span>-- a deleted line that starts with two dashes'),
        ("add", "", "2", '<span class="sign">+</span>&lt;b&gt;two&lt;/b&gt;'),
        ("ctx", "3", "3", '<span class="sign"> </span>three'),
        ("ctx", "4", "4", '<span class="sign"> </span>four'),
        ("hunk", "", "", "@@ -10,2 +10,3 @@"),
        ("ctx", "10", "10", '<span class="sign"> </span>ten'),
        ("del", "11", "", '<span class="sign">-</span>eleven'),
        ("meta", "", "", "\\ No newline at end of file"),
        ("add", "", "11", '<span class="sign">+</span>eleven'),
        ("add", "", "12", '<span class="sign">+</span>twelve'),
        ("meta", "", "", "\\ No newline at end of file"),
    ]
    assert "diff --git" not in render_patch(PATCH)


def test_patch_stats_counts_content_not_headers() -> None:
    stats = patch_stats(PATCH)
    assert stats == (3, 2) and (stats.additions, stats.deletions) == (3, 2)
    assert patch_stats("") == (0, 0)


def test_a_long_patch_is_truncated_with_a_count() -> None:
    patch = "@@ -0,0 +1,10 @@\n" + "".join(f"+line {i}\n" for i in range(1, 11))
    html = render_patch(patch, max_lines=4)
    rows = _rows(html)
    assert [row[0] for row in rows] == ["hunk", "add", "add", "add", "truncated"]  # lines 1-3, then the count
    assert rows[-1] == ("truncated", "", "", "7 more diff lines not shown")
    assert "more diff" not in render_patch(patch)


def test_binary_patch_shows_gits_remark() -> None:
    html = render_patch("diff --git a/w.bin b/w.bin\nBinary files a/w.bin and b/w.bin differ\n")
    assert _rows(html) == [("meta", "", "", "Binary files a/w.bin and b/w.bin differ")]


# --- dataset viewer ------------------------------------------------------------------------------------------------


def _parquet(table: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _repo() -> dict[str, bytes]:
    return {
        "README.md": b"---\nlicense: mit\n---\n# reviews\n",
        ".gitattributes": b"*.parquet filter=lfs diff=lfs merge=lfs -text\n",
        "data/train.parquet": _parquet(pa.table({"text": ["great", "awful", "fine"], "label": [1, 0, 1]})),
        "data/test.csv": b"text,label\nmeh,0\nsuper,1\n",
        "data/validation.jsonl": b'{"text": "ok", "label": 1, "meta": {"tags": ["a", "b"]}}\n',
    }


def test_viewer_finds_default_splits_and_reads_each_format() -> None:
    repo = _repo()
    previews = preview_dataset(list(repo), repo.__getitem__, {})
    assert [(p.config, p.split, p.files) for p in previews] == [
        ("default", "train", ["data/train.parquet"]),
        ("default", "validation", ["data/validation.jsonl"]),
        ("default", "test", ["data/test.csv"]),
    ]
    train, validation, test = previews
    assert all(p.error is None for p in previews)
    assert train.columns == ["text", "label"] and train.features == {"text": "string", "label": "int64"}
    assert train.rows == [{"text": "great", "label": 1}, {"text": "awful", "label": 0}, {"text": "fine", "label": 1}]
    assert train.num_rows == 3
    assert test.rows == [{"text": "meh", "label": 0}, {"text": "super", "label": 1}] and test.num_rows == 2
    assert validation.features["meta"] == "{tags: List(string)}"
    assert validation.rows == [{"text": "ok", "label": 1, "meta": '{"tags":["a","b"]}'}]


def test_viewer_limits_rows_but_counts_them_all() -> None:
    repo = {"train.parquet": _parquet(pa.table({"n": list(range(250))}))}
    (preview,) = preview_dataset(list(repo), repo.__getitem__, None, max_rows=7)
    assert [row["n"] for row in preview.rows] == list(range(7)) and preview.num_rows == 250


LAYOUTS = {
    "one file is train": ["README.md", "reviews.csv"],
    "split names in file names": ["train.csv", "test.csv", "notes/readme.txt", "README.md"],
    "split folders, hidden and special folders ignored": [
        "data/train/shard_0.csv",
        "data/train/shard_1.csv",
        "data/test/shard_0.csv",
        ".cache/train.csv",
        "__pycache__/test.csv",
    ],
    "push_to_hub shards": [
        "data/train-00000-of-00002.parquet",
        "data/train-00001-of-00002.parquet",
        "data/random-00000-of-00001.parquet",
        "README.md",
    ],
    "keywords after a separator": ["my_data-dev.jsonl", "my_data-train.jsonl", "my_data-eval.jsonl"],
}


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_viewer_splits_match_the_datasets_library(layout: str, tmp_path: Path) -> None:
    from datasets.data_files import DataFilesDict, get_data_patterns
    from datasets.packaged_modules import _ALL_ALLOWED_EXTENSIONS

    paths = LAYOUTS[layout]
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"a\n1\n")
    patterns = get_data_patterns(tmp_path.as_posix())
    resolved = DataFilesDict.from_patterns(
        patterns, base_path=tmp_path.as_posix(), allowed_extensions=_ALL_ALLOWED_EXTENSIONS
    )
    expected = {
        str(split): [Path(f).relative_to(tmp_path).as_posix() for f in files] for split, files in resolved.items()
    }

    previews = preview_dataset(paths, lambda path: b"a\n1\n" if path.endswith(".csv") else b'{"a": 1}\n', {})
    assert {p.split: p.files for p in previews} == expected
    assert [p.split for p in previews] == list(expected)


def test_viewer_follows_the_cards_configs_and_features() -> None:
    repo = {
        "README.md": b"",
        "main/part-a.parquet": _parquet(pa.table({"text": ["x"], "label": [1]})),
        "main/part-b.parquet": _parquet(pa.table({"text": ["y"], "label": [0]})),
        "main/heldout.parquet": _parquet(pa.table({"text": ["z"], "label": [0]})),
        "extra/more.tsv": b"sentence\tscore\nhello\t0.5\n",
        "data/train.csv": b"ignored,because\nconfigs,exist\n",
    }
    card = {
        "configs": [
            {"config_name": "extra", "data_files": "extra/*.tsv"},
            {
                "config_name": "main",
                "default": True,
                "data_files": [
                    {"split": "train", "path": ["main/part-*.parquet"]},
                    {"split": "test", "path": "main/heldout.parquet"},
                ],
            },
        ],
        "dataset_info": [
            {
                "config_name": "main",
                "features": [
                    {"name": "text", "dtype": "string"},
                    {"name": "label", "dtype": {"class_label": {"names": {"0": "neg", "1": "pos"}}}},
                ],
                "splits": [
                    {"name": "train", "num_bytes": 20, "num_examples": 2},
                    {"name": "test", "num_bytes": 10, "num_examples": 1},
                ],
            }
        ],
    }
    previews = preview_dataset(list(repo), repo.__getitem__, card)
    assert [(p.config, p.split, p.files, p.num_rows) for p in previews] == [
        ("main", "train", ["main/part-a.parquet", "main/part-b.parquet"], 2),  # the default config comes first
        ("main", "test", ["main/heldout.parquet"], 1),
        ("extra", "train", ["extra/more.tsv"], 1),
    ]
    main_train, _, extra = previews
    assert main_train.features == {"text": "string", "label": "ClassLabel(names=['neg', 'pos'])"}
    assert main_train.rows == [{"text": "x", "label": 1}, {"text": "y", "label": 0}]
    assert extra.features == {"sentence": "string", "score": "float64"}  # .tsv: tab-separated, as in datasets
    assert extra.rows == [{"sentence": "hello", "score": 0.5}]


def test_viewer_reads_classlabels_from_a_push_to_hub_parquet() -> None:
    import datasets

    features = datasets.Features({"text": datasets.Value("string"), "label": datasets.ClassLabel(names=["n", "p"])})
    table = datasets.Dataset.from_dict({"text": ["a"], "label": [1]}, features=features).data.table
    repo = {"data/train-00000-of-00001.parquet": _parquet(table)}
    (preview,) = preview_dataset(list(repo), repo.__getitem__, {})
    assert preview.features["label"] == "ClassLabel(names=['n', 'p'])"


def test_a_broken_file_is_an_error_on_its_split_only() -> None:
    repo = _repo()
    repo["data/train.parquet"] = b"PAR1 this is not parquet"
    repo["data/validation.jsonl"] = b'{"text": "ok"\n'
    previews = {p.split: p for p in preview_dataset(list(repo), repo.__getitem__, {})}
    assert previews["train"].error is not None and "data/train.parquet" in previews["train"].error
    assert previews["validation"].error is not None and previews["validation"].rows == []
    assert previews["train"].num_rows is None
    assert previews["test"].error is None and previews["test"].num_rows == 2


def test_a_file_above_max_bytes_is_not_read() -> None:
    repo = _repo()

    def must_not_open(path: str) -> bytes:
        raise AssertionError(f"opened {path}")

    sizes = {path: len(data) for path, data in repo.items()}
    previews = preview_dataset(sizes, must_not_open, {}, max_bytes=10)
    assert {p.split for p in previews} == {"train", "validation", "test"}
    assert all(p.error is not None and "too large to preview" in p.error and p.rows == [] for p in previews)
    # Without sizes the file is opened but still not parsed.
    (train, *_) = preview_dataset(list(repo), repo.__getitem__, {}, max_bytes=10)
    assert train.error is not None and "too large to preview" in train.error


def test_viewer_reports_bad_cards_and_missing_files_without_raising() -> None:
    repo = _repo()
    (bad,) = preview_dataset(list(repo), repo.__getitem__, {"configs": {"not": "a list"}})
    assert bad.error is not None and "configs" in bad.error
    card = {"configs": [{"config_name": "default", "data_files": [{"split": "train", "path": "data/gone.csv"}]}]}
    (missing,) = preview_dataset(list(repo), repo.__getitem__, card)
    assert missing == SplitPreview("default", "train", [], error="file not found: data/gone.csv")
    assert preview_dataset(["README.md", ".gitattributes"], repo.__getitem__, {}) == []
    (other,) = preview_dataset(["train.txt"], lambda path: b"line\n", {})
    assert other.error == "the viewer does not preview text files"


def test_display_value_makes_cells_safe_to_show() -> None:
    long = "x" * 1000
    assert display_value(long) == "x" * 300 + "…"
    assert display_value(b"\x00\x01\x02") == "<binary 3 bytes>"
    assert display_value({"bytes": b"\x89PNG" + b"\x00" * 96, "path": "cat.png"}) == "<binary 100 bytes>"
    assert display_value({"a": [1, 2], "b": None}) == '{"a":[1,2],"b":null}'
    assert display_value([{"x": "é"}]) == '[{"x":"é"}]'
    assert display_value([long]) == json.dumps([long])[:300] + "…"
    assert display_value(3) == 3 and display_value(0.5) == 0.5 and display_value(None) is None
    assert display_value(float("nan")) == "nan"


# --- training metrics ----------------------------------------------------------------------------------------------

LOSSES = [1.0, 0.5, 0.25, 0.125, 0.0625]  # exact in float32, as event files store them


@pytest.fixture(scope="module")
def event_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Two runs written by torch: exp1 with add_scalar's default (simple_value), exp2 with new_style tensors."""
    from torch.utils.tensorboard import SummaryWriter

    root = tmp_path_factory.mktemp("tb")
    for run, new_style in (("exp1", False), ("exp2", True)):
        writer = SummaryWriter(str(root / "runs" / run))
        for step in reversed(range(5)):  # written out of order: the reader sorts by step
            writer.add_scalar("loss", LOSSES[step] * (2 if new_style else 1), step, new_style=new_style)
            writer.add_scalar("train/lr", 0.5, step)
        writer.add_text("args", "lr=0.5", 0)
        writer.close()
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*tfevents*")}


def test_read_scalars_gives_every_point_of_every_run(event_files: dict[str, bytes]) -> None:
    assert len(event_files) == 2 and all(is_event_file(path) for path in event_files)
    scalars = read_scalars(event_files)
    assert scalars == {
        "runs/exp1/loss": list(enumerate(LOSSES)),
        "runs/exp1/train/lr": [(step, 0.5) for step in range(5)],
        "runs/exp2/loss": [(step, 2 * loss) for step, loss in enumerate(LOSSES)],
        "runs/exp2/train/lr": [(step, 0.5) for step in range(5)],
    }
    assert scalars_by_tag(event_files)["loss"] == {
        "runs/exp1": scalars["runs/exp1/loss"],
        "runs/exp2": scalars["runs/exp2/loss"],
    }


def test_is_event_file() -> None:
    assert is_event_file("runs/Jan01/events.out.tfevents.1700000000.host.1234.0")
    assert not is_event_file("runs/Jan01/events.txt") and not is_event_file("tfevents_dir/readme.md")


def test_unreadable_event_files_are_skipped(event_files: dict[str, bytes]) -> None:
    files = {"runs/bad/events.out.tfevents.1.host": b"\x00garbage" * 10, **event_files}
    assert set(read_scalars(files)) == set(read_scalars(event_files))


def test_scalar_chart_svg_is_a_small_deterministic_svg(event_files: dict[str, bytes]) -> None:
    series = scalars_by_tag(event_files)["loss"]
    svg = scalar_chart_svg("loss", series)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert 'width="360pt" height="225pt"' in svg  # 480x300 CSS pixels
    assert ">step<" in svg and ">loss<" in svg and ">runs/exp1<" in svg and ">runs/exp2<" in svg
    assert "<dc:date>" not in svg
    assert scalar_chart_svg("loss", series) == svg
    assert len(svg) < 60_000


def test_relative_links_and_images_name_files_of_the_repo():
    """As on huggingface.co: ``![](plot.png)`` in a card loads the repo's file, ``[x](docs/a.md)`` opens it."""
    from localhub.pages.markdown import render_markdown

    html = render_markdown(
        "![p](plots/a.png) [doc](./docs/x.md#L3) [abs](/x) [top](#usage) [ext](https://e.org)", "/ada/m"
    )
    assert 'src="/ada/m/resolve/main/plots/a.png"' in html
    assert 'href="/ada/m/blob/main/docs/x.md#L3"' in html
    assert 'href="/x"' in html and 'href="#usage"' in html and 'href="https://e.org"' in html
    assert 'src="plots/a.png"' in render_markdown("![p](plots/a.png)")  # no base: left as written
