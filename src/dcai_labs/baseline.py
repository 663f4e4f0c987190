"""The fixed model of the data-centric labs, its features, and the model-centric alternatives.

Lab 01 asks one question: with the model held still, how much does improving only the data buy? That
only means something if "the model" is the same object in every experiment, so it lives here, once,
instead of being re-typed (and quietly re-tuned) in each notebook.

The fixed model is a logistic regression on hashed word and word-pair counts:

* ``featurize(texts)`` turns texts into a sparse matrix with scikit-learn's ``HashingVectorizer``
  (unigrams and bigrams, present/absent, rows scaled to unit length). Hashing needs no fitting, so the
  features of a text never depend on which other texts are in the training set: removing or relabelling
  rows changes the data and nothing else. Bigrams let a linear model see negations ("not bad",
  "isn't great"), which carry much of the sentiment in the course's reviews.
* ``make_model()`` is a ``LogisticRegression`` with a fixed C and seed. It fits 2,000 reviews in about
  a tenth of a second, so a notebook can afford many fits: one per cross-validation fold, one per
  cleaning step. It gives calibrated-enough probabilities for confident learning.

Why not the MiniLM sentence embeddings (``dcai_labs.embeddings``) as the fixed features? They were
measured on the standard corpus: they are excellent for finding near duplicates (texts that *mean* the
same), but they encode the topic of a review more than its verdict, so a linear model on them both
starts lower and tops out lower than on word counts, even with every label corrected. The lab uses
them where they shine (near duplicates, off-topic rows) and tries them as one of the model-centric
alternatives.

``model_zoo()`` holds the model-centric attempts (other hyperparameters, other model families) that the
lab tries first, before touching the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike
from sklearn.base import ClassifierMixin, clone
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.metrics import accuracy_score
from sklearn.naive_bayes import ComplementNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import LinearSVC

#: Seed of every model below: the same data must give the same model, run after run.
RANDOM_STATE = 0

#: Inverse regularisation strength of the fixed model. Set once when the lab was written (moderate
#: regularisation for ~2,000 short texts) and never tuned on the test set.
C = 3.0

#: saga converges on this data in a few dozen epochs; the margin keeps ConvergenceWarnings (which go
#: to stderr and look like errors to a learner) away.
MAX_ITER = 1000

#: Size of the hashed feature space: large enough that word collisions are rare for a corpus of a few
#: thousand short reviews, and free in memory because the matrix is sparse.
N_FEATURES = 2**18

_VECTORIZER = HashingVectorizer(
    ngram_range=(1, 2),
    n_features=N_FEATURES,
    alternate_sign=False,
    binary=True,
    norm="l2",
)


def featurize(texts: Sequence[str]) -> sp.csr_matrix:
    """Hashed unigram and bigram presence features of ``texts``: a sparse ``(len(texts), 2**18)`` matrix.

    A pure function of each text (no vocabulary is learned), so the same review always gets the same
    row, whatever else is in the data set. Rows have unit L2 norm; an empty text gives a zero row.
    """
    return _VECTORIZER.transform(list(texts)).tocsr()


def make_model() -> LogisticRegression:
    """A new, unfitted copy of the lab's fixed model.

    Always build the model through this function (never by hand) so that every accuracy the lab reports
    comes from the very same learner and only the data differs between experiments.
    """
    return LogisticRegression(C=C, solver="saga", max_iter=MAX_ITER, random_state=RANDOM_STATE)


def fit(X: ArrayLike, y: ArrayLike, model: ClassifierMixin | None = None) -> ClassifierMixin:
    """Fit a fresh copy of ``model`` (default: the fixed model) on ``X, y`` and return it.

    The model passed in is cloned, never fitted in place, so one unfitted model object can be reused
    across experiments without one fit leaking into the next.
    """
    estimator = clone(model if model is not None else make_model())
    return estimator.fit(X, np.asarray(y))


def evaluate(
    X_train: ArrayLike, y_train: ArrayLike, X_test: ArrayLike, y_test: ArrayLike, model: ClassifierMixin | None = None
) -> float:
    """Accuracy on ``(X_test, y_test)`` of a fresh copy of ``model`` trained on ``(X_train, y_train)``.

    ``model=None`` means the fixed model. The arguments come in the same order as for the image model's
    :func:`dcai_labs.augment.images.evaluate`, so a lab that uses both reads the same way. Accuracy is a
    plain float in [0, 1]. The lab's test set is clean (its labels were never corrupted), so this measures
    how well the model learned the task, not how faithfully it copied the training set's mistakes.
    """
    fitted = fit(X_train, y_train, model)
    return float(accuracy_score(np.asarray(y_test), fitted.predict(X_test)))


def model_zoo() -> dict[str, Callable[[], ClassifierMixin]]:
    """Model-centric alternatives to the fixed model on the same features: name -> unfitted-model factory.

    A spread of what one usually tries first when a model disappoints: stronger and weaker
    regularisation, class re-weighting, other linear models, naive Bayes and a nearest-neighbour model.
    Each fits 2,000 hashed reviews in well under a second. (A random forest was measured too: about 50 s
    on two cores for no gain, so it is left out to keep the lab under a minute.)
    """

    def logistic(**kwargs: object) -> Callable[[], ClassifierMixin]:
        options = dict(C=C, solver="saga", max_iter=MAX_ITER, random_state=RANDOM_STATE)
        options.update(kwargs)
        return lambda: LogisticRegression(**options)

    return {
        "logistic regression, C=3 (the fixed model)": make_model,
        "logistic regression, C=0.3": logistic(C=0.3),
        "logistic regression, C=30": logistic(C=30.0),
        "logistic regression, balanced class weights": logistic(class_weight="balanced"),
        "linear SVM": lambda: LinearSVC(C=0.3, random_state=RANDOM_STATE),
        "ridge classifier": lambda: RidgeClassifier(alpha=1.0),
        "complement naive Bayes": lambda: ComplementNB(alpha=0.1),
        "k-nearest neighbours (k=15, cosine)": lambda: KNeighborsClassifier(n_neighbors=15, metric="cosine"),
    }
