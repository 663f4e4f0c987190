"""Data sets of the course, all generated or shipped offline, each with a datasheet."""
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

__all__ = [
    "CATEGORIES",
    "LABEL_NAMES",
    "NoisyReviews",
    "PlantedDefects",
    "datasheet_path",
    "generate_reviews",
    "load_reviews",
    "make_noisy_reviews",
]
