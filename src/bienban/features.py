"""The one feature step of bienban's pipeline that scikit-learn does not have: the segment's shape.

Imported only to build and fit a pipeline; tagging reads the exported arrays (``linear.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from .shape import SHAPE_FEATURES, shape_features


class SegmentShape(TransformerMixin, BaseEstimator):
    """What the segment looks like: a bare heading, a bullet, a quoted opinion, its length.

    Rule 9 of LABELS.md makes a bare heading procedural whatever subject it names; its words alone
    point the other way, so the model needs to see the shape.
    """

    def __init__(self, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, rows: Any, y: Any = None) -> SegmentShape:
        self.n_features_out_ = len(SHAPE_FEATURES)
        return self

    def transform(self, rows: Any) -> Any:
        from scipy.sparse import csr_matrix

        check_is_fitted(self, "n_features_out_")
        values = np.array([shape_features(row["raw"]) for row in rows], dtype=float).reshape(-1, len(SHAPE_FEATURES))
        return csr_matrix(values * self.weight)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(SHAPE_FEATURES, dtype=object)
