"""A Hub for one grading run of a lab that needs one (``Lab.needs_hub``).

Every run of such a lab by the course's machinery (dcai check, dcai autograde, make demo, the validity
harness, the tests) gets a fresh, throw-away local Hub on which the learner is a user with their own token,
so what the notebook pushes is graded alone and no run sees another's repositories or download cache. Labs
that do not need a Hub run with their environment unchanged apart from the Hub settings being removed, so a
stray HF_ENDPOINT in the grader's shell cannot leak into a kernel.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from localhub.process import HubStartError, ThrowawayHub, without_hub_settings

from ..course import CourseError, Lab

#: Set (to the Hub's URL) for a process that already runs against a grading Hub, so that nbgrader's execute
#: step (dcai_labs.grading.hub_execute) does not start a second one.
GRADING_HUB_VARIABLE = "DCAI_GRADING_HUB"


@contextmanager
def grading_hub(lab: Lab, user: str) -> Iterator[dict[str, str]]:
    """The extra environment for running ``lab`` as ``user``: a ThrowawayHub's settings, or {} if none is needed."""
    if not lab.needs_hub:
        yield {}
        return
    try:
        # the labs that need a Hub call its Inference API: have it import the model stack while the notebook starts
        hub = ThrowawayHub([user], extra_args=["--preload-inference"]).start()
    except HubStartError as exc:
        raise CourseError(f"{lab.lab_id} needs the local Hub, which could not start: {exc}") from exc
    try:
        yield {**hub.env(user), GRADING_HUB_VARIABLE: hub.url}
    finally:
        hub.stop()


def kernel_environment(extra: dict[str, str]) -> dict[str, str]:
    """The whole environment of a grading process: this one's, minus any Hub settings, plus ``extra``."""
    return {**without_hub_settings(os.environ, also=[GRADING_HUB_VARIABLE]), **extra}
