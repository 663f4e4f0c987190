"""The course's datasets in one table: what each is, under which licence, and where its datasheet is.

The course asks learners to document every dataset they publish, so it documents its own: every dataset in
:mod:`dcai_labs.data` has an entry here with a Hub licence id and a datasheet in the seven sections of
"Datasheets for Datasets" (``datasheets/<name>.md``). ``tests/test_datasheets.py`` checks that every public
loader of the package belongs to an entry and that every entry's datasheet is complete and states its licence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dcai_labs.data.reviews import datasheet_path


@dataclass(frozen=True)
class CourseDataset:
    """One dataset of the course and the facts about it that must never go missing."""

    name: str  # also the datasheet's file name
    title: str
    license: str  # a Hub licence id, as a dataset card's ``license`` would carry it
    license_name: str  # how the datasheet's Distribution section names the licence
    license_url: str
    loaders: tuple[str, ...]  # the public functions of dcai_labs.data that produce it
    origin: str

    @property
    def datasheet(self) -> Path:
        """The datasheet's path (FileNotFoundError if it is missing)."""
        return datasheet_path(self.name)


DATASETS: dict[str, CourseDataset] = {
    entry.name: entry
    for entry in (
        CourseDataset(
            name="reviews",
            title="Generated product reviews",
            license="cc0-1.0",
            license_name="CC0-1.0",
            license_url="https://creativecommons.org/publicdomain/zero/1.0/",
            loaders=("generate_reviews", "make_noisy_reviews", "load_reviews"),
            origin="written by a seeded generator in dcai_labs.data.reviews",
        ),
        CourseDataset(
            name="crowd",
            title="Simulated crowd labels of the generated reviews",
            license="cc0-1.0",
            license_name="CC0-1.0",
            license_url="https://creativecommons.org/publicdomain/zero/1.0/",
            loaders=("make_crowd",),
            origin="written by a seeded simulator in dcai_labs.data.crowd on top of the generated reviews",
        ),
        CourseDataset(
            name="stream",
            title="Simulated production stream of the review sentiment model",
            license="cc0-1.0",
            license_name="CC0-1.0",
            license_url="https://creativecommons.org/publicdomain/zero/1.0/",
            loaders=("make_stream",),
            origin="written by a seeded simulator in dcai_labs.data.stream on top of the generated reviews",
        ),
        CourseDataset(
            name="wdbc",
            title="Breast Cancer Wisconsin (Diagnostic)",
            license="cc-by-4.0",
            license_name="CC BY 4.0",
            license_url="https://creativecommons.org/licenses/by/4.0/",
            loaders=("load_wdbc", "make_messy_wdbc"),
            origin=(
                "UCI Machine Learning Repository (Wolberg, Street and Mangasarian, 1995), as bundled by scikit-learn"
            ),
        ),
        CourseDataset(
            name="digits",
            title="Handwritten digits, centred and scanned",
            license="cc-by-4.0",
            license_name="CC BY 4.0",
            license_url="https://creativecommons.org/licenses/by/4.0/",
            loaders=("load_digits_data",),
            origin="UCI Machine Learning Repository (Alpaydin and Kaynak, 1998), as bundled by scikit-learn; "
            "the scanned version is derived by dcai_labs.data.digits",
        ),
    )
}


def course_dataset(name: str) -> CourseDataset:
    """The registry entry ``name`` (KeyError listing the known names if there is none)."""
    try:
        return DATASETS[name]
    except KeyError:
        raise KeyError(f"no course dataset {name!r}; known: {', '.join(DATASETS)}") from None
