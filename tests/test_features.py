import pytest

from bienban.features import SegmentShape
from bienban.shape import SHAPE_FEATURES


def test_segment_shape_follows_sklearn_conventions():
    from sklearn.base import clone
    from sklearn.exceptions import NotFittedError

    shape = SegmentShape(weight=2.0)
    assert clone(shape).get_params() == {"weight": 2.0}
    with pytest.raises(NotFittedError):
        shape.transform([{"raw": "II. THẢO LUẬN"}])
    rows = [{"raw": "II. THẢO LUẬN"}, {"raw": "- Đ/c Lan: nhất trí với báo cáo."}]
    assert shape.fit(rows) is shape and shape.n_features_out_ == len(SHAPE_FEATURES)
    matrix = shape.transform(rows).toarray()
    names = list(shape.get_feature_names_out())
    assert matrix[0, names.index("bare_heading")] == 2.0 and matrix[1, names.index("bare_heading")] == 0
    assert matrix[1, names.index("opinion")] == 2.0
