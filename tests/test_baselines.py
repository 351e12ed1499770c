from sklearn.base import clone

from bienban.baselines import KeywordClassifier, baselines
from bienban.types import LABELS, Context


def test_keyword_rules_follow_the_labelling_guide():
    clf = KeywordClassifier().fit(["a"] * 7, [*LABELS, "ideology"])
    got = clf.predict(
        [
            "Chi bộ thi hành kỷ luật khiển trách đối với đảng viên vi phạm.",
            Context("Đề nghị kết nạp quần chúng ưu tú Lê Văn Nam."),
            "zzz",
        ]
    )
    assert list(got) == ["inspection", "member_development", "ideology"]  # no keyword: the majority


def test_keywords_match_whole_words_only():
    clf = KeywordClassifier().fit(["a"], ["procedural"])
    assert clf.predict(["thiếu thiết bị"])[0] == "procedural"  # "thi" (exams) is not inside "thiếu"


def test_baselines_fit_on_the_model_inputs():
    items = [
        Context("Chi bộ thu đảng phí đủ."),
        "Học tập nghị quyết.",
        "Chi bộ thu đảng phí quý II.",
        "Học tập chỉ thị.",
    ]
    labels = ["party_building", "ideology", "party_building", "ideology"]
    for name, estimator in baselines().items():
        fitted = clone(estimator).fit(items, labels)
        assert len(fitted.predict(items)) == 4, name
