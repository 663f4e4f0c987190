"""The Hub's web pages in a real browser: Debian's Chromium driven by Playwright, against the real server process.

One module-scoped "site" is pushed with the real clients (transformers' push_to_hub for four tiny models,
datasets' push_to_hub, HfApi for cards, files, a Space, a pull request and TensorBoard traces); each test then
opens pages the way a learner or an instructor would. Screenshots of the main pages go to build/screenshots/.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from huggingface_hub import CommitOperationAdd, InferenceClient

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
# what Chromium needs to start quietly on a machine with no network and no display (and, in CI, as root)
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError(
            "The page tests need Chromium: `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM to a "
            "Chromium or Chrome executable. Playwright's own browser download does not work offline."
        )
    return found


@pytest.fixture(scope="module")
def browser():
    """A real browser for the page tests: Debian's Chromium driven by Playwright through its executable path.

    Playwright's own browser download cannot work offline, so the tests use the system's Chromium
    (``apt-get install chromium``; .ci/run installs it). Without it the page tests fail with that fix, they do
    not skip: a page nobody opened is not a tested page. Module-scoped: Playwright's sync API keeps an event loop
    running in this thread while it is open, which the other modules' asyncio.run() must not meet.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


TOKENS = {"ada": "hf_ada_test_token_0001", "alan": "hf_alan_test_token_0002", "eve": "hf_eve_test_token_0003"}
CLF, MLM, NER, FEAT = "ada/page-clf", "ada/page-mlm", "ada/page-ner", "ada/page-feat"

# Four tiny BERTs (text classification, fill-mask, NER, embeddings) pushed by transformers, as a learner would.
PUSH_MODELS = r"""
import sys, torch
from pathlib import Path
from transformers import (BertConfig, BertForMaskedLM, BertForSequenceClassification, BertForTokenClassification,
                          BertModel, BertTokenizerFast)
clf, mlm, ner, feat, work = sys.argv[1:6]
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "movie", "the", "is", "very", "a", "paris"]
Path(work, "vocab.txt").write_text("\n".join(vocab) + "\n")
tok = BertTokenizerFast(vocab_file=str(Path(work, "vocab.txt")))
torch.manual_seed(0)
kw = dict(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37,
          max_position_embeddings=64)
models = {
    clf: BertForSequenceClassification(BertConfig(num_labels=3, id2label={0: "NEG", 1: "NEU", 2: "POS"},
                                                  label2id={"NEG": 0, "NEU": 1, "POS": 2}, **kw)),
    mlm: BertForMaskedLM(BertConfig(**kw)),
    ner: BertForTokenClassification(BertConfig(num_labels=3, id2label={0: "O", 1: "B-THING", 2: "I-THING"},
                                               label2id={"O": 0, "B-THING": 1, "I-THING": 2}, **kw)),
    feat: BertModel(BertConfig(**kw)),
}
for repo, model in models.items():
    model.eval().push_to_hub(repo)
    tok.push_to_hub(repo)
print("OK")
"""

CLF_CARD = """---
license: mit
language: [en, fr]
datasets: [ada/page-data]
base_model: ada/page-feat
pipeline_tag: text-classification
tags: [course]
widget:
- text: the movie is very good
  example_title: A good movie
- text: the movie is bad
  example_title: A bad one
model-index:
- name: page-clf
  results:
  - task: {type: text-classification, name: Sentiment}
    dataset: {type: ada/page-data, name: Page reviews, split: test}
    metrics:
    - {type: accuracy, name: Accuracy, value: 0.875}
---
# A tiny review classifier

It reads **short reviews**. See the [datasets docs](https://huggingface.co/docs/datasets).

| split | rows |
|---|---|
| train | 4 |

```python
from transformers import pipeline
```
"""

EVIL_CARD = """---
license: mit
---
# Harmless looking

<script>window.__pwned = "script"</script>
<img src="x" onerror="window.__pwned = 'onerror'">
<a href="javascript:window.__pwned='link'" id="js-link">click me</a>
[markdown link](javascript:window.__pwned='md')
<iframe src="javascript:window.top.__pwned='iframe'"></iframe>
<p style="background:url(javascript:alert(1))" onclick="window.__pwned='click'" id="para">text</p>
"""


def _events_file(tmp: Path) -> bytes:
    """A TensorBoard event file as transformers' TensorBoardCallback writes one (torch's SummaryWriter)."""
    from torch.utils.tensorboard import SummaryWriter

    writer = SummaryWriter(log_dir=str(tmp))
    for step, loss in enumerate([1.0, 0.7, 0.5, 0.42, 0.4], start=1):
        writer.add_scalar("train/loss", loss, step * 10)
    writer.close()
    (path,) = list(tmp.glob("events.out.tfevents.*"))
    return path.read_bytes()


@pytest.fixture(scope="module")
def site(hub, tmp_path_factory):
    """Everything the pages show, pushed once with the real clients."""
    work = tmp_path_factory.mktemp("pages")
    script = work / "push.py"
    script.write_text(PUSH_MODELS)
    r = subprocess.run(
        [sys.executable, str(script), CLF, MLM, NER, FEAT, str(work)],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=work / "hf-home"),
        timeout=300,
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("OK"), r.stdout[-2000:] + r.stderr[-4000:]
    ada, alan = hub.api("ada"), hub.api("alan")
    # the classifier: a full card, TensorBoard traces, a large text file and a binary file, then a second commit
    ada.create_commit(
        CLF,
        [
            CommitOperationAdd("README.md", CLF_CARD.encode()),
            CommitOperationAdd("runs/exp1/events.out.tfevents.1.local", _events_file(work / "tb")),
            CommitOperationAdd("notes/big.txt", b"a line of notes\n" * 40_000),
            CommitOperationAdd("notes/blob.bin", bytes(range(256)) * 4),
        ],
        commit_message="Add the model card and training logs",
    )
    ada.upload_file(
        path_or_fileobj=b"threshold: 0.5\nmax_length: 64\n",
        path_in_repo="settings.yaml",
        repo_id=CLF,
        commit_message="Add inference settings",
    )
    ada.upload_file(
        path_or_fileobj=b"threshold: 0.7\nmax_length: 64\n",
        path_in_repo="settings.yaml",
        repo_id=CLF,
        commit_message="Raise the threshold",
    )
    # a card that tries to run script, a model whose card turns inference off, a private repo
    ada.create_repo("ada/page-evil")
    ada.upload_file(path_or_fileobj=EVIL_CARD.encode(), path_in_repo="README.md", repo_id="ada/page-evil")
    ada.create_repo("ada/page-noinference")
    ada.upload_file(
        path_or_fileobj=b"---\ninference: false\npipeline_tag: text-classification\n---\n# Off\n",
        path_in_repo="README.md",
        repo_id="ada/page-noinference",
    )
    ada.create_repo("ada/page-secret", private=True)
    ada.upload_file(path_or_fileobj=b"# Secret model\n", path_in_repo="README.md", repo_id="ada/page-secret")
    # a dataset pushed by datasets, with a ClassLabel
    push_data = (
        "from datasets import ClassLabel, Dataset, DatasetDict, Features, Value\n"
        "f = Features({'text': Value('string'), 'label': ClassLabel(names=['neg', 'pos'])})\n"
        "DatasetDict({'train': Dataset.from_dict({'text': ['good movie', 'bad movie', 'very good', 'so bad'],"
        " 'label': [1, 0, 1, 0]}, features=f), 'test': Dataset.from_dict({'text': ['a good one'], 'label': [1]},"
        " features=f)}).push_to_hub('ada/page-data')\nprint('OK')\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", push_data],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=work / "hf-home"),
        timeout=300,
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("OK"), r.stderr[-4000:]
    # a static Space whose own script writes into its page, and a Gradio Space
    ada.create_repo("ada/page-space", repo_type="space", space_sdk="static")
    page = (
        b"<!doctype html><html><body><h1>Hello from a Space</h1><p id=out></p>"
        b"<script>let c; try { c = 'cookies: ' + document.cookie.length } catch (e) { c = 'cookies blocked' }"
        b" document.getElementById('out').textContent = 'script ran; ' + c</script></body></html>"
    )
    ada.upload_file(path_or_fileobj=page, path_in_repo="index.html", repo_id="ada/page-space", repo_type="space")
    ada.create_repo("ada/page-gradio", repo_type="space", space_sdk="gradio")
    ada.upload_file(
        path_or_fileobj=b"import gradio\n", path_in_repo="app.py", repo_id="ada/page-gradio", repo_type="space"
    )
    # alan proposes a change to ada's classifier
    pr = alan.create_commit(
        CLF,
        [CommitOperationAdd("settings.yaml", b"threshold: 0.6\nmax_length: 64\n")],
        commit_message="Lower the threshold a little",
        create_pr=True,
    )
    return {"pr": int(pr.pr_num), "url": hub.url}


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site["url"], viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def sign_in(page, user: str) -> None:
    page.goto("/login")
    page.fill("input[name=token]", TOKENS[user])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_load_state()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# ----------------------------------------------------------------------------------------------- model page
def test_model_page_shows_the_card_its_metadata_and_results(page):
    response = page.goto(f"/{CLF}")
    assert response.status == 200
    assert page.inner_text(".markdown h1") == "A tiny review classifier"
    assert page.locator(".markdown table td").first.inner_text() == "train"
    assert page.locator(".markdown .highlight span").count() > 0  # the card's python block is highlighted
    chips = page.locator(".chips .chip").all_inner_texts()
    for expected in (
        "text-classification",
        "transformers",
        "en",
        "fr",
        "license: mit",
        "dataset: ada/page-data",
        "base model: ada/page-feat",
        "course",
    ):
        assert expected in chips, chips
    assert page.locator(".chips a.chip.dataset").get_attribute("href") == "/datasets/ada/page-data"
    row = page.locator("table.results tbody tr").first.locator("td").all_inner_texts()
    assert row == ["Sentiment", "Page reviews (test)", "Accuracy", "0.875"]
    assert f'pipeline("text-classification", model="{CLF}")' in page.inner_text(".snippet")
    assert page.locator(".tabs a").all_inner_texts()[:3] == ["Model card", "Files and versions", "Training metrics"]
    shot(page, "model-page")


def test_widget_runs_the_model_through_the_inference_api(page, hub):
    page.goto(f"/{CLF}")
    widget = page.locator("form.widget[data-widget='text-classification']")
    assert widget.locator("textarea").input_value() == "the movie is very good"  # the card's first example
    widget.locator("select.examples").select_option(label="A bad one")
    assert widget.locator("textarea").input_value() == "the movie is bad"
    widget.locator("button[type=submit]").click()
    page.wait_for_selector("form.widget .output .bars li", timeout=120_000)
    shown = {
        li.locator(".label").inner_text(): float(li.locator(".score").inner_text())
        for li in widget.locator(".bars li").all()
    }
    expected = InferenceClient(model=f"{hub.url}/models/{CLF}", token=TOKENS["ada"]).text_classification(
        "the movie is bad", top_k=3
    )
    assert shown == {e.label: pytest.approx(e.score, abs=5e-4) for e in expected}
    assert "Computed in" in widget.locator(".timing").inner_text()
    shot(page, "model-widget")


@pytest.mark.parametrize(
    ("repo", "kind", "rendered"),
    [
        (MLM, "fill-mask", ".bars li"),
        (NER, "token-classification", ".entities"),
        (FEAT, "feature-extraction", ".vector"),
    ],
)
def test_each_pipeline_tag_gets_its_widget(page, repo, kind, rendered):
    page.goto(f"/{repo}")
    widget = page.locator(f"form.widget[data-widget='{kind}']")
    assert widget.count() == 1
    if kind == "fill-mask":
        assert "[MASK]" in widget.locator("textarea").input_value()
        widget.locator("textarea").fill("the movie is very [MASK]")
    widget.locator("button[type=submit]").click()
    page.wait_for_selector(f"form.widget .output {rendered}", timeout=120_000)
    if kind == "feature-extraction":
        assert "A vector of 32 numbers" in widget.locator(".vector").inner_text()
    assert widget.locator(".output .error").count() == 0


def test_sentence_similarity_widget_compares_sentences(page, hub):
    """A card's pipeline_tag decides the widget: the same encoder filed under sentence-similarity gets the
    similarity widget, which embeds each sentence through the Inference API and ranks them by cosine."""
    repo = "ada/page-similarity"
    ada = hub.api("ada")
    ada.duplicate_repo(FEAT, repo, exist_ok=True)  # the embedding model of the site, under another name
    card = (
        "---\npipeline_tag: sentence-similarity\nwidget:\n- source_sentence: the movie is good\n  sentences:\n"
        "  - the movie is very good\n  - a bad movie\n---\n# Similar\n"
    )
    ada.upload_file(path_or_fileobj=card.encode(), path_in_repo="README.md", repo_id=repo)
    page.goto(f"/{repo}")
    widget = page.locator("form.widget[data-widget='sentence-similarity']")
    assert widget.locator("input[name=source]").input_value() == "the movie is good"
    assert widget.locator("textarea[name=sentences]").input_value() == "the movie is very good\na bad movie"
    widget.locator("button[type=submit]").click()
    page.wait_for_selector("form.widget .output .bars li", timeout=120_000)
    labels = widget.locator(".bars .label").all_inner_texts()
    scores = [float(s) for s in widget.locator(".bars .score").all_inner_texts()]
    assert sorted(labels) == ["a bad movie", "the movie is very good"]
    assert all(-1.0 <= s <= 1.0 for s in scores) and scores == sorted(scores, reverse=True)


def test_a_model_that_cannot_run_says_why(page):
    page.goto("/ada/page-noinference")
    assert "inference: false" in page.inner_text(".widget-off")
    page.goto("/ada/page-evil")
    assert "no config.json" in page.inner_text(".widget-off")


def test_a_card_with_script_runs_nothing(page):
    page.goto("/ada/page-evil")
    assert page.inner_text(".markdown h1") == "Harmless looking"
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".markdown script, .markdown iframe, .markdown [onerror], .markdown [onclick]").count() == 0
    hrefs = page.eval_on_selector_all(".markdown a", "links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript")], hrefs
    page.click("text=click me")
    page.click(".markdown p >> text=text")
    assert page.evaluate("window.__pwned") is None
    assert "script-src 'self'" in page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )


# ----------------------------------------------------------------------------------------------- files
def test_files_and_versions(page, hub):
    page.goto(f"/{CLF}")
    page.click(".tabs >> text=Files and versions")
    rows = page.locator("table.files tr")
    names = [n.strip() for n in page.locator("table.files td.name").all_inner_texts()]
    assert names[:2] == ["notes", "runs"] and "model.safetensors" in names and "README.md" in names
    weights = rows.filter(has_text="model.safetensors")
    assert weights.locator(".badge.lfs").count() == 1
    assert re.fullmatch(r"\d+(\.\d+)? kB LFS", weights.locator(".size").inner_text())
    # creation, weights, tokenizer, card, two settings commits
    assert "History: 6 commits" in page.inner_text(".history")
    shot(page, "files")
    page.click("table.files >> text=config.json")
    assert page.url.endswith(f"/{CLF}/blob/main/config.json")
    assert page.locator("tr#L1").count() == 1 and page.locator(".code .highlight span").count() > 0
    assert '"architectures"' in page.inner_text(".code")
    raw = page.locator("a", has_text="raw").get_attribute("href")
    assert requests.get(hub.url + raw).json()["model_type"] == "bert"
    download = page.locator("a.download").get_attribute("href")
    with page.expect_download() as dl:
        page.click("a.download")
    assert Path(dl.value.path()).read_bytes() == requests.get(hub.url + download).content
    shot(page, "file-view")


def test_large_and_binary_files_are_not_rendered_inline(page, hub):
    page.goto(f"/{CLF}/blob/main/notes/big.txt")
    assert "too large to display" in page.inner_text(".file-note") and page.locator(".code").count() == 0
    page.goto(f"/{CLF}/blob/main/notes/blob.bin")
    assert "binary file of 1.02 kB" in page.inner_text(".file-note")
    page.goto(f"/{CLF}/blob/main/model.safetensors")
    assert "Git LFS" in page.inner_text(".file-head")
    page.goto(f"/{CLF}/tree/main/notes")
    assert page.locator("table.files td.name").all_inner_texts() == ["big.txt", "blob.bin"]
    # raw files never run in the Hub's origin
    assert requests.get(f"{hub.url}/{CLF}/raw/main/README.md").headers["content-security-policy"].startswith("sandbox")


def test_history_commit_diff_and_compare(page, hub):
    page.goto(f"/{CLF}/commits/main")
    titles = page.locator("li.commit .title").all_inner_texts()
    assert titles[:3] == ["Raise the threshold", "Add inference settings", "Add the model card and training logs"]
    shot(page, "commits")
    page.click("li.commit >> text=Raise the threshold")
    assert page.inner_text(".commit-title") == "Raise the threshold"
    diff = page.locator(".file-diff").filter(has_text="settings.yaml")
    assert diff.locator("tr.del").inner_text().strip().endswith("threshold: 0.5")
    assert diff.locator("tr.add").inner_text().strip().endswith("threshold: 0.7")
    assert diff.locator(".stats").inner_text() == "+1 −1"
    shot(page, "commit-diff")
    commits = hub.api("ada").list_repo_commits(CLF)
    page.goto(f"/{CLF}/compare/{commits[2].commit_id}..main")
    assert page.locator(".file-diff h3").all_inner_texts() == ["added settings.yaml +2 −0"]
    # a branch and a tag appear in the revision picker and their trees open
    ada = hub.api("ada")
    ada.create_branch(CLF, branch="experiment", exist_ok=True)
    ada.create_tag(CLF, tag="v1.0", exist_ok=True)
    page.goto(f"/{CLF}/tree/main")
    page.click("details.refs summary")
    page.click("details.refs .menu >> text=v1.0")
    assert page.url.endswith(f"/{CLF}/tree/v1.0") and "model.safetensors" in page.inner_text("table.files")


# ----------------------------------------------------------------------------------------------- community
def test_pull_request_reviewed_and_merged_from_the_page(page, site, hub):
    num = site["pr"]
    page.goto(f"/{CLF}/discussions")
    assert f"#{num} Lower the threshold a little" in page.inner_text("ul.discussions")
    page.goto(f"/{CLF}/discussions/{num}")
    assert page.locator("form.merge").count() == 0  # anonymous: nothing to merge with
    sign_in(page, "ada")
    page.goto(f"/{CLF}/discussions/{num}")
    page.click(".subtabs >> text=Files changed")
    assert page.locator("tr.add").inner_text().strip().endswith("threshold: 0.6")
    shot(page, "pull-request-files")
    page.click(".subtabs >> text=Conversation")
    page.fill("form.comment-form textarea", "Looks **right** to me")
    page.click("form.comment-form button")
    assert page.locator(".comment .markdown strong").last.inner_text() == "right"
    page.click("form.merge button")
    page.wait_for_selector(".thread-head .badge.status.merged")
    assert hub.api("ada").get_discussion_details(CLF, num).status == "merged"
    assert b"0.6" in requests.get(f"{hub.url}/{CLF}/resolve/main/settings.yaml").content
    shot(page, "pull-request-merged")


def test_merge_form_needs_the_session_and_its_csrf_token(site, hub):
    """A forged form post (no CSRF token, or from another origin) changes nothing."""
    num = hub.api("alan").create_discussion(CLF, title="Forged?", pull_request=True).num
    before = hub.api("ada").get_discussion_details(CLF, num).status
    url = f"{hub.url}/{CLF}/discussions/{num}/merge"
    with requests.Session() as s:
        s.post(f"{hub.url}/login", data={"token": TOKENS["ada"]}, headers={"Origin": hub.url})
        assert s.cookies.get("localhub_session")
        r = s.post(url, data={"csrf": "wrong"}, headers={"Origin": hub.url}, allow_redirects=False)
        assert r.status_code == 403
        r = s.post(url, data={}, headers={"Origin": "http://evil.example"}, allow_redirects=False)
        assert r.status_code == 403
    assert hub.api("ada").get_discussion_details(CLF, num).status == before


# ----------------------------------------------------------------------------------------------- sign-in, listings
def test_sign_in_shows_private_repos_and_sign_out_hides_them(page):
    page.goto("/models")
    assert "ada/page-secret" not in page.inner_text(".results")
    assert page.goto("/ada/page-secret").status == 404
    page.goto("/login")
    page.fill("input[name=token]", "hf_not_a_real_token")
    page.click("form[action='/login'] button[type=submit]")
    assert "not known" in page.inner_text(".error")
    sign_in(page, "ada")
    cookie = next(c for c in page.context.cookies() if c["name"] == "localhub_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    page.goto("/models")
    assert "ada/page-secret" in page.inner_text(".results")
    assert page.goto("/ada/page-secret").status == 200 and "private" in page.inner_text(".repo-header")
    page.click("text=Sign out")
    assert page.goto("/ada/page-secret").status == 404
    # the same rules as the API: alan (same org, not the owner's namespace) does not see ada's private repo
    sign_in(page, "alan")
    assert page.goto("/ada/page-secret").status == 404


def test_listing_search_and_filters(page, hub):
    """(The Hub is shared with the other test modules: only this module's repos, named page-*, are counted.)"""

    def shown() -> list[str]:
        return [r for r in page.locator(".results .repo-id").all_inner_texts() if r.startswith("ada/page-")]

    page.goto("/models")
    page.click(".facet[data-facet=pipeline_tag] >> text=fill-mask")
    assert "pipeline_tag=fill-mask" in page.url and shown() == [MLM]
    page.goto("/models?license=license:mit&language=fr")
    assert shown() == [CLF]
    page.goto("/models")
    page.fill(".filter-search input[name=search]", "page-n")
    page.click(".filter-search button")
    assert page.locator(".results .repo-id").all_inner_texts() == [NER, "ada/page-noinference"]
    shot(page, "listing")
    # the same filters in the API
    api = hub.api(None)
    assert [m.id for m in api.list_models(filter=["license:mit", "fr"]) if m.id.startswith("ada/page-")] == [CLF]
    r = requests.get(f"{hub.url}/api/models", params={"library": "transformers", "language": "fr"})
    assert [m["id"] for m in r.json() if m["id"].startswith("ada/page-")] == [CLF]


def test_user_and_org_pages(page):
    page.goto("/ada")
    assert "Ada Lovelace" in page.inner_text(".profile") and CLF in page.inner_text(".columns")
    assert "ada/page-data" in page.inner_text(".columns")
    page.goto("/class-2026")
    assert "organization" in page.inner_text(".profile") and "alan" in page.inner_text(".profile")
    assert page.goto("/nobody-here").status == 404


# ------------------------------------------------------------------------------------ datasets, metrics, Spaces
def test_dataset_viewer(page):
    page.goto("/datasets/ada/page-data")
    page.click(".tabs >> text=Viewer")
    assert page.locator(".splits a").all_inner_texts() == ["default / train 4 rows", "default / test 1 rows"]
    headers = page.locator("table.rows th").all_inner_texts()
    assert headers[0].split("\n") == ["text", "string"]
    assert headers[1].split("\n")[0] == "label" and "ClassLabel" in headers[1] and "neg" in headers[1]
    first = page.locator("table.rows tbody tr").first.locator("td").all_inner_texts()
    assert first == ["good movie", "1"]
    shot(page, "dataset-viewer")
    page.click(".splits >> text=default / test")
    assert page.locator("table.rows tbody tr").count() == 1
    page.goto("/datasets/ada/page-data")
    assert 'load_dataset("ada/page-data")' in page.inner_text(".snippet")


def test_training_metrics_tab(page):
    page.goto(f"/{CLF}")
    page.click(".tabs >> text=Training metrics")
    chart = page.locator("figure.chart[data-tag='train/loss'] img")
    svg = base64.b64decode(chart.get_attribute("src").split(",", 1)[1]).decode()
    assert svg.startswith("<svg") and "runs/exp1" in svg  # the run's legend entry
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", chart.element_handle())
    # drawn, not a black box: mostly the chart's white background, with the curve's and the axes' colours
    from PIL import Image

    pixels = Image.open(io.BytesIO(chart.screenshot())).convert("RGB").getdata()
    white = sum(1 for p in pixels if min(p) > 240) / len(pixels)
    assert white > 0.6 and len(set(pixels)) > 20, f"the chart does not look drawn ({white:.0%} white)"
    shot(page, "metrics")


def test_static_space_runs_in_a_sandboxed_frame(page):
    page.goto("/spaces/ada/page-space")
    frame = page.frame_locator("iframe.space-app")
    assert frame.locator("h1").inner_text() == "Hello from a Space"
    # its script runs, in an opaque origin: no access to the Hub's cookies (nor to its pages)
    assert frame.locator("#out").inner_text() == "script ran; cookies blocked"
    assert page.locator("iframe.space-app").get_attribute("sandbox") == "allow-scripts allow-forms allow-popups"
    shot(page, "space")
    page.goto("/spaces/ada/page-gradio")
    assert "gradio" in page.inner_text(".space-note") and "does not start" in page.inner_text(".space-note")


# ----------------------------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/ada/no-such-repo", "Repository ada/no-such-repo not found"),
        (f"/{CLF}/tree/no-such-branch", "Invalid rev id: no-such-branch"),
        (f"/{CLF}/blob/main/no/such/file.txt", "no/such/file.txt does not exist"),
        (f"/{CLF}/commit/{'0' * 40}", "0000000"),
        (f"/{CLF}/discussions/999", "999"),
        ("/datasets/ada/page-data/viewer/nope/train", "no split nope/train"),
    ],
)
def test_unknown_things_get_the_hubs_404_page(page, url, message):
    response = page.goto(url)
    assert response.status == 404
    assert message in page.inner_text(".error-page .message")
    assert "Traceback" not in page.content()


def test_api_urls_keep_answering_json(hub, site):
    r = requests.get(f"{hub.url}/api/no/such/thing")
    assert r.status_code == 404 and r.json()["error"].startswith("Not found")
    r = requests.delete(f"{hub.url}/api/whoami-v2")
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    r = requests.get(f"{hub.url}/{CLF}/resolve/main/nope.txt")
    assert r.status_code == 404 and r.headers["x-error-code"] == "EntryNotFound"
    assert json.loads(io.BytesIO(requests.get(f"{hub.url}/api/models/{CLF}").content).read())["id"] == CLF
