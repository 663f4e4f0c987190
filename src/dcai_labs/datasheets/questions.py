"""The questions of a datasheet, in the seven sections of Gebru et al., "Datasheets for Datasets" (CACM 2021).

A datasheet in this course is a plain dict (see :mod:`dcai_labs.datasheets`): ``sections`` maps a section key
to ``{question key: answer}``. This module fixes which sections and questions exist, so that building,
rendering and linting a datasheet all walk the same list in the same order.

Questions are of two kinds:

* **computed** questions are answered by a fact of the data (a count, a distribution, a range). Their key is
  the name of that fact, and their answer must be computed from the data, never typed: a typed number is
  right on the day it is typed and silently wrong after the next export;
* **prose** questions need knowledge that is not in the table (why it was made, how it was collected, what
  it must not be used for). Their answer is text written by a person.

The wording paraphrases the questions of the paper; some are merged or split so that each has one answer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One question of a datasheet: its key within its section, its wording, and whether data answers it."""

    key: str
    text: str
    computed: bool = False


@dataclass(frozen=True)
class Section:
    """One of the seven sections: its key in a datasheet dict, its heading, and its questions in order."""

    key: str
    title: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question:
        """The question ``key`` of this section (KeyError naming the section if there is none)."""
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(f"section {self.key!r} has no question {key!r}")


def _prose(key: str, text: str) -> Question:
    return Question(key, text)


def _fact(key: str, text: str) -> Question:
    return Question(key, text, computed=True)


SECTIONS: tuple[Section, ...] = (
    Section(
        "motivation",
        "Motivation",
        (
            _prose(
                "purpose",
                "For what purpose was the dataset created, and what task or gap did its creators have in mind?",
            ),
            _prose("creators", "Who created the dataset, and on behalf of which group or institution?"),
            _prose("funding", "Who paid for its creation (a grant, an employer, nobody in particular)?"),
        ),
    ),
    Section(
        "composition",
        "Composition",
        (
            _prose(
                "instances_represent",
                "What does one instance represent (a person, a document, an image, a measurement...)?",
            ),
            _fact("n_instances", "How many instances are there?"),
            _fact("n_features", "How many features describe each instance, the label not counted?"),
            _fact("feature_types", "What type of value does each feature hold?"),
            _prose(
                "instance_content", "What does an instance consist of: raw data, or features derived from raw data?"
            ),
            _fact("label_distribution", "Is there a label, and how many instances carry each of its values?"),
            _fact("class_balance", "How balanced are the classes (size of the smallest class divided by the largest)?"),
            _prose(
                "sample",
                "Does the dataset hold every possible instance or a sample, and if a sample, how representative is it?",
            ),
            _fact("missing_values", "Is information missing from some instances, and where?"),
            _fact("duplicate_rows", "How many instances repeat an earlier instance exactly?"),
            _fact("value_ranges", "What range of values does each numeric feature span?"),
            _prose("errors_noise", "Are there known errors, sources of noise or redundancies?"),
            _prose("splits", "Are there recommended splits (training, validation, test), and why?"),
            _prose(
                "self_contained",
                "Is the dataset self-contained, or does it rely on external resources that may change or vanish?",
            ),
            _prose(
                "confidential",
                "Does it contain data that might be confidential (legally privileged, medical, private communication)?",
            ),
            _fact(
                "sensitive_columns",
                "Which columns may hold sensitive information, judged by their names and their contents?",
            ),
            _prose(
                "people", "Does it relate to people, and could anyone be identified from it, directly or indirectly?"
            ),
            _prose(
                "subpopulations",
                "Does it identify subpopulations (by age, sex, origin...), and how are they represented?",
            ),
        ),
    ),
    Section(
        "collection_process",
        "Collection process",
        (
            _prose(
                "acquisition",
                "How was the data of each instance obtained: observed, reported by people, or derived from other data?",
            ),
            _prose("mechanisms", "Which instruments, procedures or software produced it, and how were they checked?"),
            _prose("sampling_strategy", "If the instances were chosen from a larger set, how were they chosen?"),
            _prose("collectors", "Who collected the data (staff, crowd workers, contractors), and how were they paid?"),
            _prose(
                "timeframe",
                "Over what period was the data collected, and does that match when the events it describes happened?",
            ),
            _prose("ethical_review", "Was the collection reviewed by an ethics board, and with what outcome?"),
            _prose(
                "consent",
                "Were the people concerned told about the collection, did they consent, and can they withdraw?",
            ),
            _prose(
                "impact_analysis",
                "Has anyone analysed the possible impact of the dataset and its use on the people in it?",
            ),
        ),
    ),
    Section(
        "preprocessing",
        "Preprocessing/cleaning/labelling",
        (
            _prose(
                "preprocessing", "What preprocessing, cleaning or feature extraction was done, and what was removed?"
            ),
            _prose("label_source", "Where do the labels come from, and how reliable are they?"),
            _prose("raw_data", "Is the raw data kept alongside the processed data, and can it be obtained?"),
            _prose("software", "Is the software used for preprocessing or labelling available?"),
        ),
    ),
    Section(
        "uses",
        "Uses",
        (
            _prose("past_uses", "What has the dataset been used for so far?"),
            _prose("repository", "Is there a place that lists the papers or systems that use it?"),
            _prose("intended_uses", "What is it good for: which tasks and questions does it suit?"),
            _prose(
                "risks",
                "Could anything about its composition or collection lead to unfair or harmful outcomes, "
                "and how could a user avoid them?",
            ),
            _prose("out_of_scope", "What should it not be used for?"),
        ),
    ),
    Section(
        "distribution",
        "Distribution",
        (
            _prose("distributed_to", "Is the dataset shared beyond the people who created it, and with whom?"),
            _prose(
                "how",
                "How is it distributed (a download, an API, a Hub repository), "
                "and does it have a persistent identifier?",
            ),
            _prose("when", "Since when is it available, or when will it be?"),
            _prose(
                "license", "Under which licence or terms of use is it distributed, and what do they require of users?"
            ),
            _prose("third_party", "Have third parties imposed restrictions on the data or on parts of it?"),
            _prose("export_controls", "Do export controls or other regulations apply to it?"),
        ),
    ),
    Section(
        "maintenance",
        "Maintenance",
        (
            _prose("maintainer", "Who hosts and maintains the dataset?"),
            _prose("contact", "How can its maintainers be reached?"),
            _prose("erratum", "Is there an erratum or a list of known problems?"),
            _prose(
                "updates",
                "Will it be updated (errors fixed, instances added or removed), by whom, how often, "
                "and how will users learn of it?",
            ),
            _prose("retention", "If it relates to people, is there a limit on how long their data may be kept?"),
            _prose("older_versions", "Will older versions stay available?"),
            _prose("contributions", "Can others extend or correct it, and how are their contributions checked?"),
        ),
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
SECTION_TITLES: tuple[str, ...] = tuple(section.title for section in SECTIONS)

#: Keys of the computed questions, which are also the names of the facts that answer them.
COMPUTED_KEYS: tuple[str, ...] = tuple(q.key for s in SECTIONS for q in s.questions if q.computed)


def section(key: str) -> Section:
    """The section ``key`` (KeyError listing the section keys if there is none)."""
    for candidate in SECTIONS:
        if candidate.key == key:
            return candidate
    raise KeyError(f"no section {key!r}; the sections are {', '.join(SECTION_KEYS)}")


def iter_questions() -> list[tuple[Section, Question]]:
    """Every (section, question) pair in datasheet order: the one loop that building and linting share."""
    return [(s, q) for s in SECTIONS for q in s.questions]


def question_ids(*, computed: bool | None = None) -> list[str]:
    """``"section.question"`` ids in order; ``computed=True`` or ``False`` keeps only that kind."""
    return [f"{s.key}.{q.key}" for s, q in iter_questions() if computed is None or q.computed == computed]


def blank_answers(sections: list[str] | tuple[str, ...] | None = None) -> dict[str, dict[str, None]]:
    """``{section: {question: None}}`` for the prose questions of ``sections`` (all by default).

    A skeleton to fill in: printing it shows exactly which keys a section's prose answers need.
    """
    keys = SECTION_KEYS if sections is None else tuple(sections)
    return {key: {q.key: None for q in section(key).questions if not q.computed} for key in keys}


def filler_answers(text: str = "An answer written for a test.") -> dict[str, dict[str, str]]:
    """The same non-empty text for every prose question: a complete stand-in for tests and examples."""
    return {key: dict.fromkeys(questions, text) for key, questions in blank_answers().items()}


def questions_table(sections: list[str] | tuple[str, ...] | None = None) -> list[dict[str, str | bool]]:
    """One row per question (section, key, question, computed), e.g. for a pandas DataFrame."""
    keys = set(SECTION_KEYS if sections is None else sections)
    return [
        {"section": s.key, "key": q.key, "question": q.text, "computed": q.computed}
        for s, q in iter_questions()
        if s.key in keys
    ]
