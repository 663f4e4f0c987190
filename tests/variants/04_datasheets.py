"""Grader-validity variants of lab 04_datasheets (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every function
of that cell and imports what it uses. The notebook's state is available: numpy as np, pandas as pd, re,
copy, Path, datasets, DatasetCard, DatasetCardData, HfApi, the names imported from dcai_labs.datasheets,
dataset_facts (after exercise 2) and the functions of earlier exercises.
"""

# ----------------------------------------------------------------------------------------------- ex1

EX1_RIGHT_VECTORISED = """
import numbers
from collections import Counter


def compute_facts(data, label_column):
    blank = data.map(lambda v: isinstance(v, str) and v.strip() == "")
    missing = data.isna() | blank
    features = data.columns.drop(label_column)
    types, ranges = {}, {}
    for col in features:
        kept = data[col][~missing[col]]
        kinds = {"n" if isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
                 else "s" if isinstance(v, str) else "o" for v in kept}
        if not kinds:
            types[col] = "empty"
        elif kinds == {"n"}:
            types[col] = "numeric"
            numeric = pd.to_numeric(kept)
            ranges[col] = (float(numeric.min()), float(numeric.max()))
        else:
            types[col] = "text" if kinds == {"s"} else "mixed"
    labels = data[label_column][~missing[label_column]].tolist()
    distribution = dict(sorted(Counter(labels).items()))
    counts = list(distribution.values())
    return dict(
        n_instances=data.shape[0], n_features=len(features), feature_types=types,
        label_distribution=distribution, class_balance=min(counts) / max(counts),
        missing_values=missing.sum().astype(int).to_dict(), duplicate_rows=int(data.duplicated(keep="first").sum()),
        value_ranges=ranges,
    )
"""

EX1_RIGHT_PLAIN_LOOPS = """
def compute_facts(data, label_column):
    def gone(v):
        if isinstance(v, str):
            return v.strip() == ""
        return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)

    rows = [list(r) for r in data.itertuples(index=False, name=None)]
    columns = list(data.columns)
    label_at = columns.index(label_column)
    missing = {c: sum(gone(r[i]) for r in rows) for i, c in enumerate(columns)}
    types, ranges = {}, {}
    for i, c in enumerate(columns):
        if i == label_at:
            continue
        values = [r[i] for r in rows if not gone(r[i])]
        if not values:
            types[c] = "empty"
        elif all(type(v) in (int, float) or isinstance(v, (np.integer, np.floating)) for v in values):
            types[c] = "numeric"
            ranges[c] = (float(min(values)), float(max(values)))
        elif all(isinstance(v, str) for v in values):
            types[c] = "text"
        else:
            types[c] = "mixed"
    counts = {}
    for r in rows:
        if not gone(r[label_at]):
            counts[r[label_at]] = counts.get(r[label_at], 0) + 1
    counts = {k: counts[k] for k in sorted(counts)}
    seen, repeats = set(), 0
    for r in rows:
        key = tuple("<missing-nan>" if (not isinstance(v, str) and gone(v)) else v for v in r)
        if key in seen:
            repeats += 1
        seen.add(key)
    return {"n_instances": len(rows), "n_features": len(columns) - 1, "feature_types": types,
            "label_distribution": counts, "class_balance": min(counts.values()) / max(counts.values()),
            "missing_values": missing, "duplicate_rows": repeats, "value_ranges": ranges}
"""

_EX1_TEMPLATE = """
def compute_facts(data, label_column):
    def is_missing(cell):
        {missing}

    def is_number(cell):
        return isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, (bool, np.bool_))

    missing = data.map(is_missing)
    features = [c for c in data.columns if c != label_column]
    types, ranges = {{}}, {{}}
    for column in features:
        values = data.loc[~missing[column], column].tolist()
        {types}
    counts = data.loc[~missing[label_column], label_column].value_counts().sort_index()
    distribution = {{(k.item() if hasattr(k, "item") else k): int(n) for k, n in counts.items()}}
    return {{
        "n_instances": len(data),
        "n_features": len(features),
        "feature_types": types,
        "label_distribution": distribution,
        "class_balance": {balance},
        "missing_values": {missing_values},
        "duplicate_rows": {duplicates},
        "value_ranges": ranges,
    }}
"""
_EX1_PARTS = dict(
    missing="""if isinstance(cell, str):
            return not cell.strip()
        return bool(pd.isna(cell))""",
    types='''if not values:
            types[column] = "empty"
        elif all(is_number(v) for v in values):
            types[column] = "numeric"
            ranges[column] = (float(min(values)), float(max(values)))
        elif all(isinstance(v, str) for v in values):
            types[column] = "text"
        else:
            types[column] = "mixed"''',
    balance="min(distribution.values()) / max(distribution.values())",
    missing_values="{column: int(missing[column].sum()) for column in data.columns}",
    duplicates="int(data.duplicated().sum())",
)


def _ex1(**changes: str) -> str:
    return _EX1_TEMPLATE.format(**{**_EX1_PARTS, **changes})


EX1_WRONG_ISNA_ONLY = _ex1(missing="return bool(pd.isna(cell))")
EX1_WRONG_EMPTY_STRING_ONLY = _ex1(
    missing="""if isinstance(cell, str):
            return cell == ""
        return bool(pd.isna(cell))"""
)
EX1_WRONG_FIRST_OCCURRENCE_COUNTED = _ex1(duplicates="int(data.duplicated(keep=False).sum())")
EX1_WRONG_DUPLICATES_OVER_FEATURES = _ex1(duplicates="int(data[features].duplicated().sum())")
EX1_WRONG_NAN_ROWS_NEVER_EQUAL = _ex1(duplicates="len(data) - len(set(data.itertuples(index=False, name=None)))")
EX1_WRONG_ONLY_COLUMNS_WITH_GAPS = _ex1(
    missing_values="{column: int(missing[column].sum()) for column in data.columns if missing[column].any()}"
)
EX1_WRONG_MAJORITY_SHARE = _ex1(balance="max(distribution.values()) / sum(distribution.values())")
EX1_WRONG_TYPES_FROM_DTYPE = _ex1(
    types='''if pd.api.types.is_numeric_dtype(data[column]):
            types[column] = "numeric"
            ranges[column] = (float(data[column].min()), float(data[column].max()))
        else:
            types[column] = "text"'''
)

# ----------------------------------------------------------------------------------------------- ex2

EX2_RIGHT_PANDAS = """
def find_sensitive_columns(data, name_words=SENSITIVE_NAME_WORDS, value_patterns=SENSITIVE_VALUE_PATTERNS):
    combined = "|".join(f"(?:{p})" for p in value_patterns.values())
    out = []
    for col in data.columns:
        if set(re.findall(r"[a-z]+", str(col).lower())) & set(name_words):
            out.append(col)
            continue
        texts = data[col][data[col].map(lambda v: isinstance(v, str))]
        if combined and len(texts) and texts.astype(str).str.contains(combined, regex=True).any():
            out.append(col)
    return out
"""

_EX2_TEMPLATE = """
def find_sensitive_columns(data, name_words=SENSITIVE_NAME_WORDS, value_patterns=SENSITIVE_VALUE_PATTERNS):
    patterns = [re.compile(p) for p in value_patterns.values()]
    flagged = []
    for column in data.columns:
        by_name = {by_name}
        by_content = {by_content}
        if by_name or by_content:
            flagged.append(column)
    return flagged
"""
_EX2_NAME = 'any(w in name_words for w in re.findall(r"[a-z]+", str(column).lower()))'
_EX2_CONTENT = "any(isinstance(c, str) and any(p.search(c) for p in patterns) for c in data[column])"

EX2_WRONG_SUBSTRING_NAMES = _EX2_TEMPLATE.format(
    by_name="any(w in str(column).lower() for w in name_words)", by_content=_EX2_CONTENT
)
EX2_WRONG_CASE_SENSITIVE_NAMES = _EX2_TEMPLATE.format(
    by_name='any(w in name_words for w in re.findall(r"[a-z]+", str(column)))', by_content=_EX2_CONTENT
)
EX2_WRONG_RE_MATCH = _EX2_TEMPLATE.format(
    by_name=_EX2_NAME, by_content="any(isinstance(c, str) and any(p.match(c) for p in patterns) for c in data[column])"
)
EX2_WRONG_NAMES_ONLY = _EX2_TEMPLATE.format(by_name=_EX2_NAME, by_content="False")
EX2_WRONG_FIRST_100_ROWS = _EX2_TEMPLATE.format(
    by_name=_EX2_NAME,
    by_content="any(isinstance(c, str) and any(p.search(c) for p in patterns) for c in data[column].head(100))",
)
EX2_WRONG_SEARCHES_NUMBERS_TOO = _EX2_TEMPLATE.format(
    by_name=_EX2_NAME, by_content="any(any(p.search(str(c)) for p in patterns) for c in data[column] if not pd.isna(c))"
)

# ----------------------------------------------------------------------------------------------- ex3

EX3_RIGHT_JSON_COPY = """
import json


def build_datasheet(data, label_column, about, prose):
    facts = dataset_facts(data, label_column)
    sheet = json.loads(json.dumps(about))
    sheet["label_column"] = label_column
    sheet["sections"] = {}
    for sec in SECTIONS:
        answers = {}
        for q in sec.questions:
            if q.computed:
                answers[q.key] = facts[q.key]
            elif sec.key in prose and q.key in prose[sec.key]:
                answers[q.key] = prose[sec.key][q.key]
            else:
                answers[q.key] = None
        sheet["sections"][sec.key] = answers
    return sheet
"""

_EX3_TEMPLATE = """
def build_datasheet(data, label_column, about, prose):
    facts = {facts}
    sections = {{}}
    for sec in {sections}:
        written = prose.get(sec.key, {{}})
        {fill}
    return {{**{about}, "label_column": label_column, "sections": sections}}
"""
_EX3_PARTS = dict(
    facts="dataset_facts(data, label_column)",
    sections="SECTIONS",
    fill="sections[sec.key] = {q.key: facts[q.key] if q.computed else written.get(q.key) for q in sec.questions}",
    about="copy.deepcopy(about)",
)


def _ex3(**changes: str) -> str:
    return _EX3_TEMPLATE.format(**{**_EX3_PARTS, **changes})


EX3_WRONG_TYPED_BEATS_COMPUTED = _ex3(
    fill="sections[sec.key] = {q.key: written.get(q.key, facts[q.key]) if q.computed else written.get(q.key) "
    "for q in sec.questions}"
)
EX3_WRONG_DROPS_UNANSWERED = _ex3(
    fill="sections[sec.key] = {q.key: facts[q.key] if q.computed else written[q.key] for q in sec.questions "
    "if q.computed or q.key in written}"
)
EX3_WRONG_SHALLOW_COPY = _ex3(about="dict(about)")
EX3_WRONG_ONLY_SECTIONS_IN_PROSE = _ex3(sections="[s for s in SECTIONS if s.key in prose or s.key == 'composition']")
EX3_WRONG_NO_SENSITIVE_FACT = _ex3(facts="{**compute_facts(data, label_column), 'sensitive_columns': []}")

# ----------------------------------------------------------------------------------------------- ex4

EX4_RIGHT_TEMPLATE_AND_DIGITS = """
def size_category(n):
    if n >= 10**12:
        return "n>1T"
    return SIZE_CATEGORY_LABELS[max(0, len(str(int(n))) - 3)]


def make_card(datasheet, data_files):
    comp = datasheet["sections"]["composition"]
    features = []
    for name, kind in comp["feature_types"].items():
        features.append(dict(name=name, dtype="float64" if kind == "numeric" else "string"))
    names = dict((str(i), n) for i, n in enumerate(datasheet["label_names"]))
    features.append(dict(name=datasheet["label_column"], dtype=dict(class_label=dict(names=names))))
    card_data = DatasetCardData(
        language=list(datasheet["language"]), license=datasheet["license"],
        task_categories=list(datasheet["task_categories"]), size_categories=[size_category(comp["n_instances"])],
        pretty_name=datasheet["name"], dataset_info={"features": features},
        configs=[{"config_name": "default", "data_files": [{"split": k, "path": v} for k, v in data_files.items()]}],
    )
    return DatasetCard.from_template(card_data, template_str="---\\n{{ card_data }}\\n---\\n\\n{{ body }}",
                                     body=datasheet_markdown(datasheet))
"""

_EX4_TEMPLATE = """
def size_category(n):
    limit = 1_000
    for label in SIZE_CATEGORY_LABELS[:-1]:
        if {compare}:
            return label
        limit *= 10
    return SIZE_CATEGORY_LABELS[-1]


def make_card(datasheet, data_files):
    composition = datasheet["sections"]["composition"]
    features = [{{"name": name, "dtype": "float64" if kind == "numeric" else "string"}}
                for name, kind in composition["feature_types"].items()]
    names = {{str(i): name for i, name in enumerate(datasheet["label_names"])}}
    features.append({label_feature})
    card_data = DatasetCardData(
        pretty_name=datasheet["name"], license=datasheet["license"], language=datasheet["language"],
        task_categories=datasheet["task_categories"], size_categories=[size_category(composition["n_instances"])],
        configs=[{{"config_name": "default", "data_files": {data_files}}}],
        dataset_info={{"features": features}},
    )
    return DatasetCard(f"---\\n{{card_data.to_yaml()}}\\n---\\n\\n{{{body}}}")
"""
_EX4_PARTS = dict(
    compare="n < limit",
    label_feature='{"name": datasheet["label_column"], "dtype": {"class_label": {"names": names}}}',
    data_files='[{"split": split, "path": path} for split, path in data_files.items()]',
    body="datasheet_markdown(datasheet)",
)


def _ex4(**changes: str) -> str:
    return _EX4_TEMPLATE.format(**{**_EX4_PARTS, **changes})


EX4_WRONG_BOUNDARY_OFF_BY_ONE = _ex4(compare="n <= limit")
EX4_WRONG_LABEL_AS_PLAIN_INT = _ex4(label_feature='{"name": datasheet["label_column"], "dtype": "int64"}')
EX4_WRONG_DATA_FILES_AS_MAPPING = _ex4(data_files="dict(data_files)")
EX4_WRONG_BODY_IS_A_TITLE_ONLY = _ex4(body="'# ' + datasheet['name']")

# ----------------------------------------------------------------------------------------------- ex5

EX5_RIGHT_SET_OF_PROBLEMS = """
from dcai_labs.datasheets import iter_questions


def lint_datasheet(datasheet, data, card):
    words = {w.lower() for w in PLACEHOLDER_WORDS}
    whole = {p.lower() for p in PLACEHOLDERS}

    def empty(value):
        if value is None:
            return True
        if isinstance(value, str):
            text = value.strip().lower()
            return not text or text in whole or re.match(r"[a-z]*", text).group() in words
        return False

    recomputed = dataset_facts(data, datasheet["label_column"])
    found = set()
    for sec, q in iter_questions():
        value = (datasheet.get("sections") or {}).get(sec.key, {}).get(q.key)
        if empty(value):
            found.add((f"{sec.key}.{q.key}", "missing"))
        elif q.computed and not facts_equal(recomputed[q.key], value):
            found.add((f"{sec.key}.{q.key}", "contradicts data"))
    licenses = card.data.license
    if isinstance(licenses, str):
        licenses = [licenses]
    if empty(datasheet.get("license")):
        found.add(("license", "missing"))
    elif datasheet["license"] not in (licenses or []):
        found.add(("license", "not on card"))
    return sorted(found)
"""

_EX5_TEMPLATE = """
def lint_datasheet(datasheet, data, card):
    def unanswered(answer):
        {unanswered}

    facts = {facts}
    sections = datasheet.get("sections") or {{}}
    problems = []
    for sec in SECTIONS:
        answers = sections.get(sec.key) or {{}}
        for question in sec.questions:
            answer = answers.get(question.key)
            where = f"{{sec.key}}.{{question.key}}"
            {check}
    license_id = datasheet.get("license")
    on_card = card.data.license
    {license_check}
    return {result}
"""
_EX5_PARTS = dict(
    unanswered="""if answer is None:
            return True
        if not isinstance(answer, str):
            return False
        text = answer.strip().upper()
        return text == "" or text in PLACEHOLDERS or re.match(r"[A-Z]*", text).group() in PLACEHOLDER_WORDS""",
    facts='dataset_facts(data, datasheet["label_column"])',
    check="""if unanswered(answer):
                problems.append((where, "missing"))
            elif question.computed and not facts_equal(answer, facts[question.key]):
                problems.append((where, "contradicts data"))""",
    license_check="""on_card = [] if on_card is None else [on_card] if isinstance(on_card, str) else list(on_card)
    if unanswered(license_id):
        problems.append(("license", "missing"))
    elif license_id not in on_card:
        problems.append(("license", "not on card"))""",
    result="sorted(problems)",
)


def _ex5(**changes: str) -> str:
    return _EX5_TEMPLATE.format(**{**_EX5_PARTS, **changes})


EX5_WRONG_FALSY_MEANS_MISSING = _ex5(
    unanswered="""if isinstance(answer, str):
            answer = answer.strip()
            return not answer or answer.upper() in PLACEHOLDERS or answer.upper().startswith(PLACEHOLDER_WORDS)
        return not answer"""
)
EX5_WRONG_TRUSTS_THE_DATASHEET = _ex5(
    check="""if unanswered(answer):
                problems.append((where, "missing"))"""
)
EX5_WRONG_PREFIX_OF_ANY_PLACEHOLDER = _ex5(
    unanswered="""if answer is None:
            return True
        if not isinstance(answer, str):
            return False
        text = answer.strip().upper()
        return text == "" or text.startswith(PLACEHOLDERS)"""
)
EX5_WRONG_LICENSE_COMPARED_AS_STRING = _ex5(
    license_check="""if unanswered(license_id):
        problems.append(("license", "missing"))
    elif license_id != on_card:
        problems.append(("license", "not on card"))"""
)
EX5_WRONG_MISSING_FACT_ALSO_CONTRADICTS = _ex5(
    check="""if unanswered(answer):
                problems.append((where, "missing"))
            if question.computed and not facts_equal(answer, facts[question.key]):
                problems.append((where, "contradicts data"))"""
)
EX5_WRONG_NOT_SORTED = _ex5(result="problems")

# ----------------------------------------------------------------------------------------------- ex6

EX6_RIGHT_WRITE_TEXT = """
import os


def save_dataset_folder(splits, card, folder):
    root = Path(folder)
    os.makedirs(root, exist_ok=True)
    for item in card.data.to_dict()["configs"][0]["data_files"]:
        target = root.joinpath(*item["path"].split("/"))
        os.makedirs(target.parent, exist_ok=True)
        with open(target, "w", newline="", encoding="utf-8") as handle:
            splits[item["split"]].to_csv(handle, index=False)
    (root / "README.md").write_text(str(card), encoding="utf-8")
    return root
"""

_EX6_TEMPLATE = """
def save_dataset_folder(splits, card, folder):
    folder = Path(folder)
    for entry in card.data.configs[0]["data_files"]:
        path = {path}
        path.parent.mkdir(parents=True, exist_ok=True)
        splits[entry["split"]].to_csv(path{index})
    {readme}
    return folder
"""
_EX6_PARTS = dict(path='folder / entry["path"]', index=", index=False", readme='card.save(folder / "README.md")')


def _ex6(**changes: str) -> str:
    return _EX6_TEMPLATE.format(**{**_EX6_PARTS, **changes})


EX6_WRONG_INDEX_WRITTEN = _ex6(index="")
EX6_WRONG_OWN_FILE_NAMES = _ex6(path="folder / f\"{entry['split']}.csv\"")
EX6_WRONG_NO_README = _ex6(readme="pass")

# ----------------------------------------------------------------------------------------------- ex7

EX7_RIGHT_CREATE_COMMIT = """
from huggingface_hub import CommitOperationAdd


def publish_dataset(folder, repo_name):
    api = HfApi()
    url = api.create_repo(f"{api.whoami()['name']}/{repo_name}", repo_type="dataset", exist_ok=True)
    root = Path(folder)
    operations = [CommitOperationAdd(path_in_repo=p.relative_to(root).as_posix(), path_or_fileobj=str(p))
                  for p in sorted(root.rglob("*")) if p.is_file()]
    api.create_commit(url.repo_id, operations=operations, commit_message="Publish the dataset", repo_type="dataset")
    return url.repo_id
"""

_EX7_TEMPLATE = """
def publish_dataset(folder, repo_name):
    api = HfApi()
    repo_id = {repo_id}
    api.create_repo(repo_id, {create})
    {upload}
    return repo_id
"""
_EX7_PARTS = dict(
    repo_id="f\"{api.whoami()['name']}/{repo_name}\"",
    create='repo_type="dataset", exist_ok=True',
    upload='api.upload_folder(folder_path=str(folder), repo_id=repo_id, repo_type="dataset")',
)


def _ex7(**changes: str) -> str:
    return _EX7_TEMPLATE.format(**{**_EX7_PARTS, **changes})


EX7_WRONG_HARD_CODED_NAMESPACE = _ex7(repo_id='f"learner/{repo_name}"')
EX7_WRONG_MODEL_REPOSITORY = _ex7(
    create="exist_ok=True", upload="api.upload_folder(folder_path=str(folder), repo_id=repo_id)"
)
EX7_WRONG_NOT_REPEATABLE = _ex7(create='repo_type="dataset"')
EX7_WRONG_CARD_ONLY = _ex7(
    upload='api.upload_file(path_or_fileobj=str(Path(folder) / "README.md"), path_in_repo="README.md", '
    'repo_id=repo_id, repo_type="dataset")'
)

# ----------------------------------------------------------------------------------------------- table

VARIANTS = {
    "ex1_compute_facts": {
        "right": {"vectorised": EX1_RIGHT_VECTORISED, "plain_loops": EX1_RIGHT_PLAIN_LOOPS},
        "wrong": {
            "isna_only": EX1_WRONG_ISNA_ONLY,
            "empty_string_only": EX1_WRONG_EMPTY_STRING_ONLY,
            "first_occurrence_counted": EX1_WRONG_FIRST_OCCURRENCE_COUNTED,
            "duplicates_over_features": EX1_WRONG_DUPLICATES_OVER_FEATURES,
            "nan_rows_never_equal": EX1_WRONG_NAN_ROWS_NEVER_EQUAL,
            "only_columns_with_gaps": EX1_WRONG_ONLY_COLUMNS_WITH_GAPS,
            "majority_share": EX1_WRONG_MAJORITY_SHARE,
            "types_from_dtype": EX1_WRONG_TYPES_FROM_DTYPE,
        },
    },
    "ex2_sensitive_columns": {
        "right": {"pandas_str_contains": EX2_RIGHT_PANDAS},
        "wrong": {
            "substring_names": EX2_WRONG_SUBSTRING_NAMES,
            "case_sensitive_names": EX2_WRONG_CASE_SENSITIVE_NAMES,
            "re_match": EX2_WRONG_RE_MATCH,
            "names_only": EX2_WRONG_NAMES_ONLY,
            "first_100_rows": EX2_WRONG_FIRST_100_ROWS,
            "searches_numbers_too": EX2_WRONG_SEARCHES_NUMBERS_TOO,
        },
    },
    "ex3_build_datasheet": {
        "right": {"json_copy": EX3_RIGHT_JSON_COPY},
        "wrong": {
            "typed_beats_computed": EX3_WRONG_TYPED_BEATS_COMPUTED,
            "drops_unanswered": EX3_WRONG_DROPS_UNANSWERED,
            "shallow_copy": EX3_WRONG_SHALLOW_COPY,
            "only_sections_in_prose": EX3_WRONG_ONLY_SECTIONS_IN_PROSE,
            "no_sensitive_fact": EX3_WRONG_NO_SENSITIVE_FACT,
        },
    },
    "ex4_dataset_card": {
        "right": {"template_and_digits": EX4_RIGHT_TEMPLATE_AND_DIGITS},
        "wrong": {
            "boundary_off_by_one": EX4_WRONG_BOUNDARY_OFF_BY_ONE,
            "label_as_plain_int": EX4_WRONG_LABEL_AS_PLAIN_INT,
            "data_files_as_mapping": EX4_WRONG_DATA_FILES_AS_MAPPING,
            "body_is_a_title_only": EX4_WRONG_BODY_IS_A_TITLE_ONLY,
        },
    },
    "ex5_lint_datasheet": {
        "right": {"set_of_problems": EX5_RIGHT_SET_OF_PROBLEMS},
        "wrong": {
            "falsy_means_missing": EX5_WRONG_FALSY_MEANS_MISSING,
            "trusts_the_datasheet": EX5_WRONG_TRUSTS_THE_DATASHEET,
            "prefix_of_any_placeholder": EX5_WRONG_PREFIX_OF_ANY_PLACEHOLDER,
            "license_compared_as_string": EX5_WRONG_LICENSE_COMPARED_AS_STRING,
            "missing_fact_also_contradicts": EX5_WRONG_MISSING_FACT_ALSO_CONTRADICTS,
            "not_sorted": EX5_WRONG_NOT_SORTED,
        },
    },
    "ex6_save_dataset_folder": {
        "right": {"write_text": EX6_RIGHT_WRITE_TEXT},
        "wrong": {
            "index_written": EX6_WRONG_INDEX_WRITTEN,
            "own_file_names": EX6_WRONG_OWN_FILE_NAMES,
            "no_readme": EX6_WRONG_NO_README,
        },
    },
    "ex7_publish_dataset": {
        "right": {"create_commit": EX7_RIGHT_CREATE_COMMIT},
        "wrong": {
            "hard_coded_namespace": EX7_WRONG_HARD_CODED_NAMESPACE,
            "model_repository": EX7_WRONG_MODEL_REPOSITORY,
            "not_repeatable": EX7_WRONG_NOT_REPEATABLE,
            "card_only": EX7_WRONG_CARD_ONLY,
        },
    },
}
