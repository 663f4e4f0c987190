"""Data sets of the course, all generated or shipped offline, each with a datasheet and a licence."""

from dcai_labs.data.crowd import DEPARTMENTS, GUIDELINE, Crowd, Guideline, Team, make_crowd
from dcai_labs.data.digits import Digits, load_digits_data
from dcai_labs.data.registry import DATASETS, CourseDataset, course_dataset
from dcai_labs.data.reviews import (
    CATEGORIES,
    LABEL_NAMES,
    NoisyReviews,
    PlantedDefects,
    datasheet_path,
    generate_reviews,
    load_reviews,
    make_noisy_reviews,
)
from dcai_labs.data.stream import EVENTS, Event, ProductionStream, make_stream, production_model
from dcai_labs.data.wdbc import WDBC_LABEL_NAMES, MessyTable, load_wdbc, make_messy_wdbc, wdbc_description

__all__ = [
    "CATEGORIES",
    "DATASETS",
    "DEPARTMENTS",
    "EVENTS",
    "GUIDELINE",
    "LABEL_NAMES",
    "WDBC_LABEL_NAMES",
    "CourseDataset",
    "Crowd",
    "Digits",
    "Event",
    "Guideline",
    "MessyTable",
    "NoisyReviews",
    "PlantedDefects",
    "ProductionStream",
    "Team",
    "course_dataset",
    "datasheet_path",
    "generate_reviews",
    "load_digits_data",
    "load_reviews",
    "load_wdbc",
    "make_crowd",
    "make_messy_wdbc",
    "make_noisy_reviews",
    "make_stream",
    "production_model",
    "wdbc_description",
]
