"""Grader-validity variants of lab 06_hub_repositories (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every name of
that cell. The notebook's state is available: numpy as np, pandas as pd, Path, subprocess, the huggingface_hub
names imported by the setup cell, api, me, MODEL_REPO, WORK, hub_endpoint, model, tokenizer and the functions
of earlier exercises. The harness runs against a live local Hub (and git), so mistakes that only the Hub
exposes (history rewritten, a file outside LFS, a tag on the wrong commit) count too.
"""

# ----------------------------------------------------------------------------------------------- ex1
EX1_RIGHT = """
def create_repos(name, space_html):
    repo_id = f"{api.whoami()['name']}/{name}"
    out = {}
    for repo_type, extra in (("model", {}), ("dataset", {}), ("space", {"space_sdk": "static"})):
        out[repo_type] = api.create_repo(repo_id, repo_type=repo_type, exist_ok=True, **extra).repo_id
    api.create_commit(repo_id, repo_type="space", commit_message="page",
                      operations=[CommitOperationAdd("index.html", space_html.encode())])
    return out
"""

EX1_WRONG_GRADIO_SPACE = """
def create_repos(name, space_html):
    repo_id = f"{me}/{name}"
    api.create_repo(repo_id, exist_ok=True)
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    api.create_repo(repo_id, repo_type="space", space_sdk="gradio", exist_ok=True)
    api.upload_file(path_or_fileobj=space_html.encode(), path_in_repo="index.html", repo_id=repo_id, repo_type="space")
    return {"model": repo_id, "dataset": repo_id, "space": repo_id}
"""

EX1_WRONG_NO_EXIST_OK = """
def create_repos(name, space_html):
    repo_id = f"{me}/{name}"
    api.create_repo(repo_id)
    api.create_repo(repo_id, repo_type="dataset")
    api.create_repo(repo_id, repo_type="space", space_sdk="static")
    api.upload_file(path_or_fileobj=space_html.encode(), path_in_repo="index.html", repo_id=repo_id, repo_type="space")
    return {"model": repo_id, "dataset": repo_id, "space": repo_id}
"""

EX1_WRONG_PAGE_IN_MODEL_REPO = """
def create_repos(name, space_html):
    repo_id = f"{me}/{name}"
    for repo_type in ("model", "dataset"):
        api.create_repo(repo_id, repo_type=repo_type, exist_ok=True)
    api.create_repo(repo_id, repo_type="space", space_sdk="static", exist_ok=True)
    api.upload_file(path_or_fileobj=space_html.encode(), path_in_repo="index.html", repo_id=repo_id)  # no repo_type
    return {"model": repo_id, "dataset": repo_id, "space": repo_id}
"""

EX1_WRONG_PRIVATE = """
def create_repos(name, space_html):
    repo_id = f"{me}/{name}"
    for repo_type in ("model", "dataset"):
        api.create_repo(repo_id, repo_type=repo_type, private=True, exist_ok=True)
    api.create_repo(repo_id, repo_type="space", space_sdk="static", private=True, exist_ok=True)
    api.upload_file(path_or_fileobj=space_html.encode(), path_in_repo="index.html", repo_id=repo_id, repo_type="space")
    return {"model": repo_id, "dataset": repo_id, "space": repo_id}
"""

# ----------------------------------------------------------------------------------------------- ex2
EX2_RIGHT = """
def commit_versions(repo_id, versions):
    out = []
    for message, files in versions:
        ops = [CommitOperationAdd(path_in_repo=p, path_or_fileobj=t.encode("utf-8")) for p, t in files.items()]
        info = api.create_commit(repo_id, commit_message=message, operations=ops)
        out.append(api.list_repo_commits(repo_id)[0].commit_id)
        assert out[-1] == info.oid
    return out
"""

EX2_WRONG_ONE_COMMIT_PER_FILE = """
def commit_versions(repo_id, versions):
    shas = []
    for message, files in versions:
        for path, text in files.items():
            info = api.upload_file(path_or_fileobj=text.encode(), path_in_repo=path, repo_id=repo_id,
                                   commit_message=message)
        shas.append(info.oid)
    return shas
"""

EX2_WRONG_NEWEST_FIRST = """
def commit_versions(repo_id, versions):
    for message, files in versions:
        api.create_commit(repo_id, operations=[CommitOperationAdd(p, t.encode()) for p, t in files.items()],
                          commit_message=message)
    return [c.commit_id for c in api.list_repo_commits(repo_id)[: len(versions)]]
"""

EX2_WRONG_LATIN1 = """
def commit_versions(repo_id, versions):
    shas = []
    for message, files in versions:
        ops = [CommitOperationAdd(p, t.encode("latin-1", errors="replace")) for p, t in files.items()]
        shas.append(api.create_commit(repo_id, operations=ops, commit_message=message).oid)
    return shas
"""

# ----------------------------------------------------------------------------------------------- ex3
EX3_RIGHT = """
def changed_files(repo_id, old, new, repo_type="model"):
    def files(revision):
        infos = api.list_repo_tree(repo_id, revision=revision, recursive=True, repo_type=repo_type)
        return {i.path: i.blob_id for i in infos if getattr(i, "blob_id", None) is not None}

    a, b = files(old), files(new)
    out = {}
    for path in sorted(set(a) | set(b)):
        if path not in b:
            out[path] = "deleted"
        elif path not in a:
            out[path] = "added"
        elif a[path] != b[path]:
            out[path] = "modified"
    return out
"""

_EX3_TEMPLATE = """
def changed_files(repo_id, old, new, repo_type="model"):
    def snap(rev):
        entries = api.list_repo_tree(repo_id, revision=rev, {listing})
        return {{e.path: e.{key} for e in entries if isinstance(e, RepoFile)}}
    before, after = snap({first}), snap({second})
    out = {{p: "deleted" for p in before.keys() - after.keys()}}
    out.update({{p: "added" for p in after.keys() - before.keys()}})
    out.update({{p: "modified" for p in before.keys() & after.keys() if before[p] != after[p]}})
    return out
"""
_EX3_FULL = "recursive=True, repo_type=repo_type"

# old and new the wrong way round
EX3_WRONG_SWAPPED = _EX3_TEMPLATE.format(listing=_EX3_FULL, key="blob_id", first="new", second="old")
# sizes instead of content: a same-size edit goes unseen
EX3_WRONG_SIZE = _EX3_TEMPLATE.format(listing=_EX3_FULL, key="size", first="old", second="new")
# the top folder only
EX3_WRONG_TOP_FOLDER_ONLY = _EX3_TEMPLATE.format(
    listing="repo_type=repo_type", key="blob_id", first="old", second="new"
)
# repo_type not passed on: a dataset is looked up as a model
EX3_WRONG_IGNORES_REPO_TYPE = _EX3_TEMPLATE.format(listing="recursive=True", key="blob_id", first="old", second="new")

# ----------------------------------------------------------------------------------------------- ex4
EX4_RIGHT = """
def revert_commit(repo_id, bad):
    history = api.list_repo_commits(repo_id, revision=bad)
    parent = history[1].commit_id
    def snap(rev):
        return {e.path: e.blob_id for e in api.list_repo_tree(repo_id, revision=rev, recursive=True)
                if isinstance(e, RepoFile)}
    before, after = snap(parent), snap(bad)
    ops = [CommitOperationDelete(p) for p in after.keys() - before.keys()]
    for path in before:
        if after.get(path) != before[path]:
            data = Path(hf_hub_download(repo_id, path, revision=parent)).read_bytes()
            ops.append(CommitOperationAdd(path, data))
    api.create_commit(repo_id, operations=ops, commit_message="Revert " + bad[:7])
    return api.model_info(repo_id).sha
"""

EX4_WRONG_RESET_HISTORY = """
def revert_commit(repo_id, bad):
    # move main back to the parent: the bad commit (and everything after it) disappears from history
    parent = api.list_repo_commits(repo_id, revision=bad)[1].commit_id
    api.create_branch(repo_id, branch="tmp-reset", revision=parent, exist_ok=True)
    files = {e.path for e in api.list_repo_tree(repo_id, revision=parent, recursive=True) if isinstance(e, RepoFile)}
    now = {e.path for e in api.list_repo_tree(repo_id, recursive=True) if isinstance(e, RepoFile)}
    ops = [CommitOperationDelete(p) for p in now - files]
    ops += [CommitOperationAdd(p, hf_hub_download(repo_id, p, revision=parent)) for p in files]
    api.create_commit(repo_id, operations=ops, commit_message=f"Revert {bad[:7]}")
    api.super_squash_history(repo_id, commit_message=f"Revert {bad[:7]}")
    return api.model_info(repo_id).sha
"""

EX4_WRONG_BACK_TO_PARENT = """
def revert_commit(repo_id, bad):
    # restores the whole parent snapshot, undoing the later commits too
    parent = api.list_repo_commits(repo_id, revision=bad)[1].commit_id
    keep = {e.path for e in api.list_repo_tree(repo_id, revision=parent, recursive=True) if isinstance(e, RepoFile)}
    now = {e.path for e in api.list_repo_tree(repo_id, recursive=True) if isinstance(e, RepoFile)}
    ops = [CommitOperationDelete(p) for p in now - keep]
    ops += [CommitOperationAdd(p, hf_hub_download(repo_id, p, revision=parent)) for p in keep]
    return api.create_commit(repo_id, operations=ops, commit_message=f"Revert {bad[:7]}").oid
"""

EX4_WRONG_KEEPS_ADDED = """
def revert_commit(repo_id, bad):
    parent = api.list_repo_commits(repo_id, revision=bad)[1].commit_id
    ops = [CommitOperationAdd(p, hf_hub_download(repo_id, p, revision=parent))
           for p, s in changed_files(repo_id, parent, bad).items() if s != "added"]
    return api.create_commit(repo_id, operations=ops, commit_message=f"Revert {bad[:7]}").oid
"""

EX4_WRONG_PARENT_IS_MAIN_HISTORY = """
def revert_commit(repo_id, bad):
    # the parent taken from main's history: the commit after main's head, not after `bad`
    parent = api.list_repo_commits(repo_id)[1].commit_id
    ops = []
    for path, status in changed_files(repo_id, parent, bad).items():
        if status == "added":
            ops.append(CommitOperationDelete(path))
        else:
            ops.append(CommitOperationAdd(path, hf_hub_download(repo_id, path, revision=parent)))
    return api.create_commit(repo_id, operations=ops, commit_message=f"Revert {bad[:7]}").oid
"""

# ----------------------------------------------------------------------------------------------- ex5
EX5_RIGHT = """
def git_push_weights(repo_id, clone_dir, weights, message):
    run = lambda *a, **kw: subprocess.run(list(a), check=True, capture_output=True, text=True, **kw).stdout
    run("git", "clone", hub_endpoint.git_url(repo_id), str(clone_dir))
    env = {**os.environ, "GIT_AUTHOR_NAME": me, "GIT_AUTHOR_EMAIL": "x@example.org",
           "GIT_COMMITTER_NAME": me, "GIT_COMMITTER_EMAIL": "x@example.org"}
    run("git", "lfs", "install", "--local", cwd=clone_dir)
    run("git", "lfs", "track", "*.weights", cwd=clone_dir)
    Path(clone_dir, "head.weights").write_bytes(np.asarray(weights, dtype=np.float32).tobytes())
    run("git", "add", "-A", cwd=clone_dir)
    run("git", "commit", "-m", message, cwd=clone_dir, env=env)
    run("git", "push", "origin", "main", cwd=clone_dir)
    return run("git", "log", "-1", "--format=%H", cwd=clone_dir).strip()
"""

_EX5_TEMPLATE = """
def git_push_weights(repo_id, clone_dir, weights, message):
    def git(*args):
        return subprocess.run(["git", *args], cwd=clone_dir, check=True, capture_output=True, text=True).stdout
    subprocess.run(["git", "clone", hub_endpoint.git_url(repo_id), str(clone_dir)], check=True, capture_output=True)
    git("config", "user.name", me)
    git("config", "user.email", "me@example.org")
    {track}
    Path(clone_dir, "head.weights").write_bytes({data})
    git("add", ".gitattributes", "head.weights")
    git("commit", "-m", message)
    git("push", "origin", "HEAD:main")
    return {sha}
"""

EX5_WRONG_NOT_TRACKED = _EX5_TEMPLATE.format(
    track='git("lfs", "install", "--local")',
    data="np.asarray(weights).astype(np.float32).tobytes()",
    sha='git("rev-parse", "HEAD").strip()',
).replace('git("add", ".gitattributes", "head.weights")', 'git("add", "head.weights")')

EX5_WRONG_FLOAT64 = _EX5_TEMPLATE.format(
    track='git("lfs", "install", "--local"); git("lfs", "track", "*.weights")',
    data="np.asarray(weights).tobytes()",
    sha='git("rev-parse", "HEAD").strip()',
)

EX5_WRONG_NOT_PUSHED = _EX5_TEMPLATE.format(
    track='git("lfs", "install", "--local"); git("lfs", "track", "*.weights")',
    data="np.asarray(weights).astype(np.float32).tobytes()",
    sha='git("rev-parse", "HEAD").strip()',
).replace('    git("push", "origin", "HEAD:main")\n', "")

EX5_WRONG_UPLOADED_WITH_THE_API = """
def git_push_weights(repo_id, clone_dir, weights, message):
    # not git at all: the API stores it in LFS, but .gitattributes never learns about *.weights
    return api.upload_file(path_or_fileobj=np.asarray(weights).astype(np.float32).tobytes(),
                           path_in_repo="head.weights", repo_id=repo_id, commit_message=message).oid
"""

# ----------------------------------------------------------------------------------------------- ex6
EX6_RIGHT = """
FIXED_CARD = BROKEN_CARD.replace("license: MIT License", "license: mit").replace("English", "en")


def model_card(repo_id, accuracy, examples):
    from huggingface_hub import EvalResult

    name = repo_id.split("/")[-1]
    card = ModelCard.from_template(
        ModelCardData(license="mit", language=["en"], pipeline_tag="text-classification", library_name="transformers",
                      datasets=["generated-reviews"], widget=[{"text": e} for e in examples], model_name=name,
                      eval_results=[EvalResult(task_type="text-classification", dataset_type="generated-reviews",
                                               dataset_name="generated-reviews", dataset_split="test",
                                               metric_type="accuracy", metric_value=accuracy)]),
        template_str="---\\n{{ card_data }}\\n---\\n\\n# {{ model_name }}\\n\\nA small review sentiment classifier "
                     "(negative or positive); accuracy on the test split: {{ acc }}.\\n",
        model_name=name, acc=accuracy,
    )
    return card
"""

_EX6_CARD = """

def model_card(repo_id, accuracy, examples):
    from huggingface_hub import EvalResult

    name = repo_id.split("/", 1)[1]
    data = ModelCardData(
        license="mit", language="en", pipeline_tag={ptag}, library_name="transformers",
        datasets=["generated-reviews"], widget={widget}, model_name=name,
        eval_results=[EvalResult(task_type="text-classification", dataset_type="generated-reviews",
                                 dataset_name="generated-reviews", dataset_split="test", metric_type="accuracy",
                                 metric_value={value})],
    )
    text = f"# {{name}}\\n\\nA tiny BERT review classifier, right on most reviews.\\n"
    return ModelCard(f"---\\n{{data.to_yaml()}}\\n---\\n\\n{{text}}")
"""

_FIXED = 'FIXED_CARD = BROKEN_CARD.replace("MIT License", "mit").replace("English", "en")\n'

EX6_WRONG_LICENSE_NAME = (
    'FIXED_CARD = BROKEN_CARD.replace("MIT License", "MIT").replace("English", "en")\n'
    + _EX6_CARD.format(ptag='"text-classification"', widget='[{"text": e} for e in examples]', value="accuracy")
)

EX6_WRONG_ONLY_THE_ERROR = 'FIXED_CARD = BROKEN_CARD.replace("MIT License", "mit")\n' + _EX6_CARD.format(
    ptag='"text-classification"', widget='[{"text": e} for e in examples]', value="accuracy"
)

EX6_WRONG_TASK = _FIXED + _EX6_CARD.format(
    ptag='"sentiment-analysis"', widget='[{"text": e} for e in examples]', value="accuracy"
)

EX6_WRONG_WIDGET_STRINGS = _FIXED + _EX6_CARD.format(
    ptag='"text-classification"', widget="list(examples)", value="accuracy"
)

EX6_WRONG_PERCENT = _FIXED + _EX6_CARD.format(
    ptag='"text-classification"', widget='[{"text": e} for e in examples]', value="round(100 * accuracy, 2)"
)

EX6_WRONG_REVERSED_EXAMPLES = _FIXED + _EX6_CARD.format(
    ptag='"text-classification"', widget='[{"text": e} for e in sorted(examples)]', value="accuracy"
)

# ----------------------------------------------------------------------------------------------- ex7
EX7_RIGHT = """
from torch.utils.tensorboard import SummaryWriter
from tensorboard.backend.event_processing import event_accumulator


def log_losses(losses, log_dir, tag="train/loss"):
    with SummaryWriter(str(log_dir)) as writer:
        for i in range(len(losses)):
            writer.add_scalar(tag, float(losses[i]), global_step=i + 1)


def best_step(log_dir, tag="train/loss"):
    acc = event_accumulator.EventAccumulator(str(log_dir), size_guidance={event_accumulator.SCALARS: 0})
    acc.Reload()
    best = None
    for point in acc.Scalars(tag):
        if best is None or point.value < best.value:
            best = point
    return int(best.step)
"""

_EX7_LOG = """
from torch.utils.tensorboard import SummaryWriter
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def log_losses(losses, log_dir, tag="train/loss"):
    writer = SummaryWriter(log_dir=str(log_dir))
    for step, loss in enumerate(losses, start={start}):
        writer.add_scalar({tag}, loss, step)
    writer.close()
"""

_EX7_BEST = """

def best_step(log_dir, tag="train/loss"):
    events = EventAccumulator(str(log_dir))
    events.Reload()
    points = events.Scalars(tag)
    return {pick}
"""

EX7_WRONG_STEPS_FROM_ZERO = _EX7_LOG.format(start=0, tag="tag") + _EX7_BEST.format(
    pick="min(points, key=lambda p: p.value).step"
)

EX7_WRONG_LAST_MINIMUM = _EX7_LOG.format(start=1, tag="tag") + _EX7_BEST.format(
    pick="min(reversed(points), key=lambda p: p.value).step"
)

EX7_WRONG_INDEX_NOT_STEP = _EX7_LOG.format(start=1, tag="tag") + _EX7_BEST.format(
    pick="min(range(len(points)), key=lambda i: points[i].value)"
)

EX7_WRONG_FIXED_TAG = _EX7_LOG.format(start=1, tag='"train/loss"') + _EX7_BEST.format(
    pick="min(points, key=lambda p: p.value).step"
)

# ----------------------------------------------------------------------------------------------- ex8
EX8_RIGHT = """
def review_and_merge(repo_id, num, comment, tag):
    pr = api.get_discussion_details(repo_id, discussion_num=num)
    if not (pr.is_pull_request and pr.status == "open"):
        raise ValueError(f"#{num} is not an open pull request")
    api.comment_discussion(repo_id, discussion_num=num, comment=comment)
    api.merge_pull_request(repo_id, discussion_num=num, comment=None)
    head = api.list_repo_commits(repo_id)[0].commit_id
    api.create_tag(repo_id, tag=tag, revision=head, tag_message=f"merged #{num}")
    return head
"""

_EX8_OPEN = """
def review_and_merge(repo_id, num, comment, tag):
    details = api.get_discussion_details(repo_id, num)
    if not details.is_pull_request or details.status != "open":
        raise ValueError("not an open pull request")
"""

EX8_WRONG_PR_HEAD = (
    _EX8_OPEN
    + """
    head = api.list_repo_commits(repo_id, revision=f"refs/pr/{num}")[0].commit_id   # the PR's commit, not main's
    api.comment_discussion(repo_id, num, comment)
    api.merge_pull_request(repo_id, num)
    api.create_tag(repo_id, tag=tag, revision=head)
    return head
"""
)

EX8_WRONG_TAG_BEFORE_MERGE = (
    _EX8_OPEN
    + """
    api.create_tag(repo_id, tag=tag)            # tags main as it was before the merge
    api.comment_discussion(repo_id, num, comment)
    api.merge_pull_request(repo_id, num)
    return api.model_info(repo_id).sha
"""
)

EX8_WRONG_NO_CHECK = """
def review_and_merge(repo_id, num, comment, tag):
    api.comment_discussion(repo_id, num, comment)
    api.merge_pull_request(repo_id, num)
    sha = api.model_info(repo_id).sha
    api.create_tag(repo_id, tag=tag, revision=sha)
    return sha
"""

EX8_WRONG_COMMENT_AS_MERGE_MESSAGE = (
    _EX8_OPEN
    + """
    api.merge_pull_request(repo_id, num)        # the comment is never posted
    sha = api.model_info(repo_id).sha
    api.create_tag(repo_id, tag=tag, revision=sha)
    return sha
"""
)

VARIANTS = {
    "ex1_create_repos": {
        "wrong": {
            "gradio_space": EX1_WRONG_GRADIO_SPACE,
            "no_exist_ok": EX1_WRONG_NO_EXIST_OK,
            "page_in_model_repo": EX1_WRONG_PAGE_IN_MODEL_REPO,
            "private": EX1_WRONG_PRIVATE,
        },
        "right": {"loop_with_kwargs": EX1_RIGHT},
    },
    "ex2_commit_versions": {
        "wrong": {
            "one_commit_per_file": EX2_WRONG_ONE_COMMIT_PER_FILE,
            "newest_first": EX2_WRONG_NEWEST_FIRST,
            "latin1": EX2_WRONG_LATIN1,
        },
        "right": {"sha_from_history": EX2_RIGHT},
    },
    "ex3_changed_files": {
        "wrong": {
            "swapped": EX3_WRONG_SWAPPED,
            "size_not_content": EX3_WRONG_SIZE,
            "top_folder_only": EX3_WRONG_TOP_FOLDER_ONLY,
            "ignores_repo_type": EX3_WRONG_IGNORES_REPO_TYPE,
        },
        "right": {"sorted_union": EX3_RIGHT},
    },
    "ex4_revert_commit": {
        "wrong": {
            "reset_history": EX4_WRONG_RESET_HISTORY,
            "back_to_parent": EX4_WRONG_BACK_TO_PARENT,
            "keeps_added": EX4_WRONG_KEEPS_ADDED,
            "parent_from_main": EX4_WRONG_PARENT_IS_MAIN_HISTORY,
        },
        "right": {"own_snapshots": EX4_RIGHT},
    },
    "ex5_git_push_weights": {
        "wrong": {
            "not_tracked": EX5_WRONG_NOT_TRACKED,
            "float64": EX5_WRONG_FLOAT64,
            "not_pushed": EX5_WRONG_NOT_PUSHED,
            "api_upload": EX5_WRONG_UPLOADED_WITH_THE_API,
        },
        "right": {"env_identity": EX5_RIGHT},
    },
    "ex6_model_card": {
        "wrong": {
            "license_name": EX6_WRONG_LICENSE_NAME,
            "only_the_error": EX6_WRONG_ONLY_THE_ERROR,
            "wrong_task": EX6_WRONG_TASK,
            "widget_strings": EX6_WRONG_WIDGET_STRINGS,
            "accuracy_percent": EX6_WRONG_PERCENT,
            "examples_sorted": EX6_WRONG_REVERSED_EXAMPLES,
        },
        "right": {"template": EX6_RIGHT},
    },
    "ex7_training_metrics": {
        "wrong": {
            "steps_from_zero": EX7_WRONG_STEPS_FROM_ZERO,
            "last_minimum": EX7_WRONG_LAST_MINIMUM,
            "index_not_step": EX7_WRONG_INDEX_NOT_STEP,
            "fixed_tag": EX7_WRONG_FIXED_TAG,
        },
        "right": {"context_manager": EX7_RIGHT},
    },
    "ex8_review_and_merge": {
        "wrong": {
            "pr_head": EX8_WRONG_PR_HEAD,
            "tag_before_merge": EX8_WRONG_TAG_BEFORE_MERGE,
            "no_check": EX8_WRONG_NO_CHECK,
            "no_comment": EX8_WRONG_COMMENT_AS_MERGE_MESSAGE,
        },
        "right": {"list_repo_commits": EX8_RIGHT},
    },
}
