"""User-facing strings in Vietnamese and English. Label ids never change; their display names do."""

from __future__ import annotations

import os

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

LABEL_NAMES: dict[str, dict[str, str]] = {
    "party_building": {"vi": "Xây dựng Đảng", "en": "Party building"},
    "ideology": {"vi": "Chính trị, tư tưởng", "en": "Ideology"},
    "inspection": {"vi": "Kiểm tra, giám sát", "en": "Inspection"},
    "member_development": {"vi": "Phát triển đảng viên", "en": "Member development"},
    "professional_work": {"vi": "Chuyên môn", "en": "Professional work"},
    "procedural": {"vi": "Thủ tục", "en": "Procedural"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # command help
    "cli.help": {
        "vi": "bienban: đọc biên bản sinh hoạt chi bộ và cho biết cuộc họp dành bao nhiêu cho từng nội dung.",
        "en": "bienban: read Party cell meeting minutes and show how each meeting spent its attention.",
    },
    "opt.lang": {
        "vi": "Ngôn ngữ hiển thị (vi|en); mặc định theo BIENBAN_LANG.",
        "en": "Display language (vi|en); default from BIENBAN_LANG.",
    },
    "tag.help": {
        "vi": "Gán nhãn các đoạn của biên bản (tệp .txt/.docx/.pdf, thư mục, hoặc - cho đầu vào chuẩn).",
        "en": "Tag the segments of minutes (.txt/.docx/.pdf files, folders, or - for standard input).",
    },
    "opt.format": {
        "vi": "Định dạng đầu ra: table (mặc định trên terminal), json, jsonl (mặc định khi chuyển hướng), csv.",
        "en": "Output format: table (default on a terminal), json, jsonl (default when piped), csv.",
    },
    "opt.output": {"vi": "Ghi kết quả vào tệp (ghi nguyên tử).", "en": "Write the output to a file (atomically)."},
    "opt.model": {
        "vi": "Đường dẫn mô hình (mặc định: mô hình kèm theo, hoặc BIENBAN_MODEL).",
        "en": "Model path (default: the shipped model, or BIENBAN_MODEL).",
    },
    "opt.progress": {"vi": "Hiện/ẩn thanh tiến trình trên stderr.", "en": "Show/hide the progress bar on stderr."},
    "opt.explain": {
        "vi": "Kèm các từ đã đẩy mỗi đoạn về nhãn của nó.",
        "en": "Show the terms that pushed each segment to its label.",
    },
    "opt.help": {"vi": "Hiện hướng dẫn này và thoát.", "en": "Show this message and exit."},
    "opt.debug": {"vi": "Hiện traceback đầy đủ khi có lỗi.", "en": "Show full tracebacks on errors."},
    "train.help": {
        "vi": "Huấn luyện mô hình từ dữ liệu gán nhãn (JSONL, CSV, thư mục biên bản chuẩn).",
        "en": "Train a model from labelled data (JSONL, CSV, folders of gold minutes).",
    },
    "opt.train_output": {
        "vi": "Đường dẫn mô hình sẽ ghi (không kèm đuôi).",
        "en": "Path of the model to write (without suffix).",
    },
    "opt.seed": {"vi": "Hạt giống ngẫu nhiên.", "en": "Random seed."},
    "opt.cv": {
        "vi": "Số phần kiểm định chéo theo nhóm (0 để bỏ qua).",
        "en": "Grouped cross-validation folds (0 to skip).",
    },
    "evaluate.help": {
        "vi": "Đánh giá mô hình trên dữ liệu gán nhãn: precision, recall, F1, ma trận nhầm lẫn.",
        "en": "Evaluate a model on labelled data: precision, recall, F1, confusion matrix.",
    },
    "info.help": {
        "vi": "Thông tin về mô hình: phiên bản, nhãn, dữ liệu, điểm số.",
        "en": "About the model: version, labels, data, scores.",
    },
    "data.help": {"vi": "Công cụ dữ liệu gán nhãn.", "en": "Labelled data tools."},
    "check.help": {
        "vi": "Kiểm tra dữ liệu gán nhãn: JSON hợp lệ, nhãn, biên bản chuẩn, trùng lặp, cân bằng nhãn.",
        "en": "Check labelled data: valid JSON, labels, gold minutes, duplicates, label balance.",
    },
    # table headers and words
    "h.file": {"vi": "Tệp", "en": "File"},
    "h.segments": {"vi": "Đoạn", "en": "Segments"},
    "h.flags": {"vi": "Cảnh báo", "en": "Flags"},
    "h.index": {"vi": "#", "en": "#"},
    "h.label": {"vi": "Nhãn", "en": "Label"},
    "h.confidence": {"vi": "Độ tin cậy", "en": "Confidence"},
    "h.text": {"vi": "Nội dung", "en": "Text"},
    "h.share": {"vi": "Tỷ lệ", "en": "Share"},
    "h.precision": {"vi": "Precision", "en": "Precision"},
    "h.recall": {"vi": "Recall", "en": "Recall"},
    "h.support": {"vi": "Số mẫu", "en": "Support"},
    "w.none": {"vi": "không có", "en": "none"},
    "w.error": {"vi": "lỗi", "en": "error"},
    "w.review": {"vi": "cần xem lại", "en": "needs review"},
    "w.macro_f1": {"vi": "Macro-F1", "en": "Macro-F1"},
    "w.accuracy": {"vi": "Độ chính xác", "en": "Accuracy"},
    "w.model": {"vi": "Mô hình", "en": "Model"},
    "w.summary": {"vi": "{ok} tệp xử lý xong, {failed} tệp lỗi.", "en": "{ok} files done, {failed} failed."},
    "w.wrote": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    # flags
    "flag.professional_dominant": {
        "vi": "công tác chuyên môn chiếm {value:.0%}, vượt ngưỡng {threshold:.0%}",
        "en": "professional work takes {value:.0%} of the meeting, above the {threshold:.0%} limit",
    },
    "flag.no_content": {
        "vi": "không tìm thấy nội dung sinh hoạt ngoài phần thủ tục",
        "en": "no meeting content found beyond the procedural frame",
    },
    # errors (each names the file and says how to fix it)
    "err.not_found": {"vi": "{file}: không tìm thấy tệp", "en": "{file}: no such file"},
    "err.permission": {
        "vi": "{file}: không có quyền đọc; hãy cấp quyền đọc cho tệp",
        "en": "{file}: permission denied; make the file readable",
    },
    "err.empty": {"vi": "{file}: tệp rỗng, không có nội dung", "en": "{file}: the file is empty"},
    "err.not_text": {
        "vi": "{file}: không phải văn bản (dữ liệu nhị phân); hãy cung cấp .txt, .docx hoặc .pdf",
        "en": "{file}: not text (binary data); give a .txt, .docx or .pdf",
    },
    "err.doc": {
        "vi": "{file}: định dạng Word cũ (.doc); hãy lưu lại dưới dạng .docx",
        "en": "{file}: old Word format (.doc); save it as .docx",
    },
    "err.unsupported": {
        "vi": "{file}: định dạng {suffix} không được hỗ trợ; hãy dùng .txt, .docx hoặc .pdf",
        "en": "{file}: {suffix} files are not supported; use .txt, .docx or .pdf",
    },
    "err.bad_docx": {
        "vi": "{file}: tệp .docx hỏng hoặc có mật khẩu ({reason}); hãy mở bằng Word và lưu lại",
        "en": "{file}: broken or password-protected .docx ({reason}); open it in Word and save it again",
    },
    "err.bad_pdf": {
        "vi": "{file}: tệp PDF hỏng hoặc có mật khẩu ({reason}); hãy xuất lại PDF",
        "en": "{file}: broken or password-protected PDF ({reason}); export the PDF again",
    },
    "err.no_text_layer": {
        "vi": "{file}: PDF không có lớp văn bản (bản quét); hãy chạy OCR trước",
        "en": "{file}: no text layer (a scanned PDF); run OCR first",
    },
    "err.no_inputs": {
        "vi": "{file}: thư mục không có tệp .txt, .docx hoặc .pdf",
        "en": "{file}: the folder holds no .txt, .docx or .pdf file",
    },
    "err.model_missing": {
        "vi": "không tìm thấy mô hình {path}; hãy huấn luyện bằng: bienban train data/ -o {path}",
        "en": "no model at {path}; train one with: bienban train data/ -o {path}",
    },
    "err.card_missing": {
        "vi": "mô hình {path} không có thẻ {card}; chỉ nạp mô hình do bienban train tạo ra",
        "en": "model {path} has no card {card}; load only models written by bienban train",
    },
    "err.hash_mismatch": {
        "vi": "mô hình {path} không khớp mã SHA-256 trong thẻ (tệp bị sửa hoặc hỏng); hãy huấn luyện lại hoặc lấy lại tệp gốc",
        "en": "model {path} does not match the SHA-256 in its card (tampered or truncated); retrain it or restore the original",
    },
    "err.version_mismatch": {
        "vi": "mô hình {path} được tạo với {lib} {made}, máy này có {have}; hãy cài {lib} {made} hoặc huấn luyện lại: bienban train data/ -o {stem}",
        "en": "model {path} was made with {lib} {made} and this machine has {have}; install {lib} {made} or retrain: bienban train data/ -o {stem}",
    },
    "err.bad_model": {
        "vi": "mô hình {path} không nạp được ({reason}); hãy huấn luyện lại",
        "en": "model {path} cannot be loaded ({reason}); retrain it",
    },
    "err.data_json": {
        "vi": "{file}:{line}: JSON không hợp lệ ({reason})",
        "en": "{file}:{line}: invalid JSON ({reason})",
    },
    "err.data_label": {
        "vi": "{file}:{line}: nhãn không hợp lệ {label!r}; nhãn hợp lệ: {labels}",
        "en": "{file}:{line}: unknown label {label!r}; known labels: {labels}",
    },
    "err.data_text": {"vi": "{file}:{line}: thiếu nội dung (text)", "en": "{file}:{line}: empty or missing text"},
    "err.data_csv": {
        "vi": "{file}: CSV phải có cột text và label",
        "en": "{file}: the CSV needs text and label columns",
    },
    "err.data_kind": {
        "vi": "{file}: không nhận dạng được dữ liệu; dùng .jsonl, .csv, .gold.json hoặc thư mục",
        "en": "{file}: unknown kind of data; use .jsonl, .csv, .gold.json or a folder",
    },
    "err.data_empty": {"vi": "không có dữ liệu gán nhãn trong {file}", "en": "no labelled data in {file}"},
    "err.data_labels": {
        "vi": "cần ít nhất hai nhãn để huấn luyện, chỉ có: {labels}",
        "en": "training needs at least two labels, found only: {labels}",
    },
}


def resolve_lang(lang: str | None = None) -> str:
    """The explicit choice, else BIENBAN_LANG, else Vietnamese."""
    choice = (lang or os.environ.get("BIENBAN_LANG") or DEFAULT_LANG).strip().lower()[:2]
    return choice if choice in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **values: object) -> str:
    entry = MESSAGES[key]
    return entry[resolve_lang(lang)].format(**values)


def both(key: str, **values: object) -> tuple[str, str]:
    """The Vietnamese and English text of one message, for values that carry both."""
    entry = MESSAGES[key]
    return entry["vi"].format(**values), entry["en"].format(**values)


def label_name(label: str, lang: str | None = None) -> str:
    return LABEL_NAMES[label][resolve_lang(lang)]
