"""The baselines the model must beat by a clear margin: the majority class, keyword rules written from
LABELS.md, and a default TF-IDF + LinearSVC on the raw text. Reported beside the model in every card."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .normalise import clean
from .types import Context

# Phrases each label's row of LABELS.md names, lower-cased NFC; a segment takes the label whose
# phrases it contains most often, ties and misses going to the most frequent training label.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "party_building": (
        "chi ủy",
        "củng cố",
        "phân công",
        "quản lý đảng viên",
        "hồ sơ",
        "thẻ đảng",
        "chuyển sinh hoạt",
        "đảng phí",
        "kiểm điểm",
        "xếp loại",
        "đánh giá chất lượng",
        "đại hội",
        "bầu cử chi ủy",
        "quy chế",
        "chế độ sinh hoạt",
        "công tác cán bộ",
        "quy hoạch",
        "nơi cư trú",
        "đoàn thanh niên",
        "công đoàn",
        "hội phụ nữ",
        "hội cựu chiến binh",
        "dân vận",
        "mặt trận",
    ),
    "ideology": (
        "học tập",
        "quán triệt",
        "nghị quyết",
        "chỉ thị",
        "thời sự",
        "tư tưởng",
        "đạo đức",
        "phong cách",
        "hồ chí minh",
        "quan điểm sai trái",
        "thù địch",
        "suy thoái",
        "tự diễn biến",
        "tự chuyển hóa",
        "chuyên đề",
        "tuyên truyền",
        "dư luận",
    ),
    "inspection": (
        "kiểm tra",
        "giám sát",
        "kỷ luật",
        "khiển trách",
        "cảnh cáo",
        "cách chức",
        "khai trừ",
        "vi phạm",
        "khiếu nại",
        "tố cáo",
        "ủy ban kiểm tra",
        "kê khai tài sản",
    ),
    "member_development": (
        "phát triển đảng",
        "tạo nguồn",
        "quần chúng ưu tú",
        "đoàn viên ưu tú",
        "nhận thức về đảng",
        "giúp đỡ",
        "lý lịch",
        "kết nạp",
        "dự bị",
        "chính thức",
        "lời tuyên thệ",
        "chỉ tiêu kết nạp",
    ),
    "professional_work": (
        "kinh tế",
        "sản xuất",
        "ngân sách",
        "nông thôn mới",
        "cải cách hành chính",
        "giải phóng mặt bằng",
        "xây dựng",
        "giảng dạy",
        "học sinh",
        "thi",
        "bệnh nhân",
        "khám",
        "doanh thu",
        "an ninh",
        "trật tự",
        "tuyển quân",
        "thiên tai",
        "dịch bệnh",
        "an sinh",
        "môi trường",
        "chuyên môn",
        "thu hoạch",
        "lúa",
    ),
    "procedural": (
        "giờ",
        "địa điểm",
        "có mặt",
        "vắng",
        "chủ trì",
        "thư ký",
        "khai mạc",
        "bế mạc",
        "biên bản",
        "thông qua",
        "chương trình",
        "ký tên",
        "kết thúc",
    ),
}


_NOT_WORD = re.compile(r"[^\w]+")


BASELINES = ("majority", "keywords", "tfidf_linearsvc")


class KeywordClassifier(ClassifierMixin, BaseEstimator):
    """Counts the phrases of each label; what a careful reader of LABELS.md could do without data."""

    def fit(self, items: Any, y: Any) -> KeywordClassifier:
        counts = Counter(y)
        self.classes_ = np.array(sorted(counts))
        self.default_ = counts.most_common(1)[0][0]
        return self

    def predict(self, items: Any) -> np.ndarray:
        check_is_fitted(self, "default_")
        out = []
        for item in items:
            text = " " + _NOT_WORD.sub(" ", clean(item if isinstance(item, str) else Context(*item).text).lower()) + " "
            hits = {label: sum(text.count(f" {k} ") for k in words) for label, words in KEYWORDS.items()}
            best = max(hits, key=lambda label: hits[label])
            out.append(best if hits[best] and best in self.classes_ else self.default_)
        return np.array(out)


def _raw_text(items: Any) -> list[str]:
    return [item if isinstance(item, str) else Context(*item).text for item in items]


def baselines(seed: int = 0) -> dict[str, Any]:
    """Unfitted baseline estimators by name, each taking the same inputs as bienban's pipeline."""
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer
    from sklearn.svm import LinearSVC

    return {
        "majority": make_pipeline(FunctionTransformer(_raw_text), DummyClassifier(strategy="most_frequent")),
        "keywords": KeywordClassifier(),
        "tfidf_linearsvc": make_pipeline(
            FunctionTransformer(_raw_text), TfidfVectorizer(), LinearSVC(random_state=seed)
        ),
    }
