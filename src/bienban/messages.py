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
    "opt.review_out": {
        "vi": "Ghi các đoạn có độ tin cậy thấp vào tệp JSONL dạng dữ liệu huấn luyện, kèm nhãn dự đoán, để người "
        "sửa nhãn rồi đưa lại cho bienban train.",
        "en": "Write low-confidence segments to a JSONL file in the training format with the predicted label, "
        "for a person to correct and give back to bienban train.",
    },
    "opt.review_below": {
        "vi": "Đoạn có độ tin cậy dưới ngưỡng này được đánh dấu cần xem lại (needs_review).",
        "en": "Segments whose confidence is below this are marked needs_review.",
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
    "h.interval": {"vi": "khoảng tin cậy 90%", "en": "90% interval"},
    "h.share": {"vi": "Tỷ lệ", "en": "Share"},
    "h.precision": {"vi": "Precision", "en": "Precision"},
    "h.recall": {"vi": "Recall", "en": "Recall"},
    "h.support": {"vi": "Số mẫu", "en": "Support"},
    "w.none": {"vi": "không có", "en": "none"},
    "w.review": {"vi": "cần xem lại", "en": "needs review"},
    "w.macro_f1": {"vi": "Macro-F1", "en": "Macro-F1"},
    "w.accuracy": {"vi": "Độ chính xác", "en": "Accuracy"},
    "w.model": {"vi": "Mô hình", "en": "Model"},
    "w.cv": {"vi": "Kiểm định chéo theo nhóm ({folds} phần)", "en": "Grouped cross-validation ({folds} folds)"},
    "w.test": {"vi": "Tập kiểm tra cố định", "en": "Fixed test split"},
    "w.baselines": {
        "vi": "So với các mô hình cơ sở trên tập kiểm tra:",
        "en": "Against the baselines on the test split:",
    },
    "w.baseline.majority": {"vi": "Nhãn phổ biến nhất", "en": "Majority class"},
    "w.baseline.keywords": {"vi": "Luật từ khóa (LABELS.md)", "en": "Keyword rules (LABELS.md)"},
    "w.baseline.tfidf_linearsvc": {"vi": "TF-IDF + LinearSVC mặc định", "en": "Default TF-IDF + LinearSVC"},
    "w.part.isolated": {"vi": "đoạn rời", "en": "isolated"},
    "w.part.minutes": {"vi": "biên bản trọn vẹn", "en": "whole minutes"},
    "w.this_model": {"vi": "Mô hình này", "en": "This model"},
    "w.gap": {
        "vi": "Chênh lệch kiểm định chéo - tập kiểm tra: {gap:+.3f} macro-F1",
        "en": "Gap, cross-validation minus test split: {gap:+.3f} macro-F1",
    },
    "c.warning": {"vi": "cảnh báo", "en": "warning"},
    "c.error": {"vi": "lỗi", "en": "error"},
    "c.segments": {"vi": "{n} đoạn rời: {labels}", "en": "{n} segments: {labels}"},
    "c.variety": {
        "vi": "{cells} loại chi bộ, {registers} lối viết, {borderline} đoạn ranh giới, tỷ lệ gần trùng {near}",
        "en": "{cells} cell types, {registers} registers, {borderline} borderline rows, near-duplicate rate {near}",
    },
    "c.minutes": {
        "vi": "{n} biên bản chuẩn: {above} có công tác chuyên môn > 0,5, {near} trong khoảng 0,4-0,6",
        "en": "{n} gold minutes: {above} with professional_work > 0.5, {near} within 0.4-0.6",
    },
    "i.created": {"vi": "Ngày tạo", "en": "Created"},
    "i.labels": {"vi": "Nhãn", "en": "Labels"},
    "i.split": {"vi": "Huấn luyện / kiểm tra", "en": "Train / test"},
    "i.segments": {"vi": "{train} / {test} đoạn", "en": "{train} / {test} segments"},
    "i.data": {"vi": "SHA-256 dữ liệu", "en": "Data SHA-256"},
    "i.model_sha": {"vi": "SHA-256 mô hình", "en": "Model SHA-256"},
    "i.arrays_sha": {"vi": "SHA-256 mảng dự đoán", "en": "Arrays SHA-256"},
    "i.versions": {"vi": "Phiên bản thư viện", "en": "Library versions"},
    "i.cv": {"vi": "Kiểm định chéo", "en": "Cross-validation"},
    "i.test": {"vi": "Tập kiểm tra", "en": "Test split"},
    "w.ece": {
        "vi": "Sai số hiệu chuẩn kỳ vọng (ECE): {ece:.3f}",
        "en": "Expected calibration error (ECE): {ece:.3f}",
    },
    "w.na": {"vi": "không có", "en": "n/a"},
    "w.documents": {
        "vi": "{n} biên bản: sai số tỷ trọng trung bình {mae} (đã hiệu chỉnh nhầm lẫn: {corrected}), khoảng 90% "
        "chứa tỷ trọng chuẩn {coverage}, khớp cờ professional_dominant {agreement} ({sure_agreement} trên {sure} "
        "biên bản có khoảng 90% không vắt qua ngưỡng), bắt được ranh giới chủ đề {recall}, khớp nhãn theo âm tiết "
        "{syllables}",
        "en": "{n} documents: share MAE {mae} (confusion-corrected: {corrected}), 90% intervals cover the gold share "
        "{coverage}, professional_dominant agreement {agreement} ({sure_agreement} on the {sure} documents whose 90% "
        "interval does not cross the limit), topic-boundary recall {recall}, per-syllable agreement {syllables}",
    },
    "w.summary": {"vi": "{ok} tệp xử lý xong, {failed} tệp lỗi.", "en": "{ok} files done, {failed} failed."},
    "w.wrote": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
    # the HTML report (report.py) and spreadsheet CSV
    "report.help": {
        "vi": "Lập báo cáo HTML tự chứa (không cần mạng, đọc được trên điện thoại) từ các biên bản: tỷ lệ, khoảng tin cậy, cảnh báo, diễn biến theo thời gian và từng đoạn.",
        "en": "Write one self-contained HTML report (no network, readable on a phone) of minutes: shares, intervals, flags, a timeline and every segment.",
    },
    "opt.report_output": {
        "vi": "Tệp HTML sẽ ghi (ghi nguyên tử); mặc định: đầu ra chuẩn.",
        "en": "HTML file to write (atomically); default: standard output.",
    },
    "opt.report_explain": {
        "vi": "Kèm/bỏ các từ đã đẩy mỗi đoạn về nhãn của nó (mặc định: kèm).",
        "en": "Show/hide the terms that pushed each segment to its label (default: show).",
    },
    "opt.segments": {
        "vi": "CSV: một dòng cho mỗi đoạn (tệp, số thứ tự, nhãn, độ tin cậy, cần xem lại, số âm tiết, nội dung) thay vì một dòng cho mỗi biên bản.",
        "en": "CSV: a row per segment (file, index, label, confidence, needs_review, syllables, text) instead of a row per document.",
    },
    "opt.bom": {
        "vi": "CSV: ghi dấu BOM UTF-8 ở đầu để Excel hiển thị đúng tiếng Việt khi mở trực tiếp.",
        "en": "CSV: start with a UTF-8 byte-order mark so that Excel shows Vietnamese correctly when opening the file directly.",
    },
    "err.bom_csv": {
        "vi": "--bom chỉ dùng cho định dạng csv; hãy thêm --format csv hoặc ghi ra tệp .csv",
        "en": "--bom applies only to the csv format; add --format csv or write to a .csv file",
    },
    "r.title": {"vi": "Báo cáo nội dung sinh hoạt chi bộ", "en": "What the cell meetings spent their time on"},
    "r.subtitle": {"vi": "{documents} biên bản, {failed} tệp lỗi", "en": "{documents} minutes, {failed} failed"},
    "r.contents": {"vi": "Mục lục", "en": "Contents"},
    "r.summary": {"vi": "Tổng hợp theo biên bản", "en": "Summary by document"},
    "r.empty": {"vi": "Không có biên bản nào xử lý được.", "en": "No document could be processed."},
    "r.legend": {"vi": "Chú giải màu", "en": "Colour legend"},
    "r.document": {"vi": "Biên bản", "en": "Document"},
    "r.structure": {"vi": "Cơ cấu nội dung", "en": "Breakdown"},
    "r.note_shares": {
        "vi": "Tỷ lệ tính theo số âm tiết của các đoạn, không kể phần thủ tục.",
        "en": "Shares count the syllables of the segments, leaving out the procedural frame.",
    },
    "r.note_limit": {
        "vi": "Vạch đen trên thanh: ngưỡng {limit:.0%} của công tác chuyên môn (phần màu cam, luôn ở đầu thanh).",
        "en": "Black mark on the bars: the {limit:.0%} limit for professional work (the orange part, always first).",
    },
    "r.note_interval": {
        "vi": "Trong ngoặc: khoảng tin cậy 90%.",
        "en": "In brackets: the 90% interval.",
    },
    "r.note_corrected": {
        "vi": "Sau mũi tên (→): tỷ lệ đã hiệu chỉnh theo các nhầm lẫn đã đo của mô hình.",
        "en": "After the arrow (→): the share corrected for the model's measured confusions.",
    },
    "r.note_timeline": {
        "vi": "Mỗi cột là trung bình các cuộc họp trong một kỳ (×2: hai cuộc họp); công tác chuyên môn ở dưới cùng; đường đứt: ngưỡng {limit:.0%}; vạch xám: không có biên bản.",
        "en": "Each column is the mean of the meetings of one period (×2: two meetings); professional work at the bottom; dashed line: the {limit:.0%} limit; grey dash: no minutes.",
    },
    "r.note_single": {
        "vi": "{n} chi bộ chỉ có biên bản trong một tháng nên không có biểu đồ.",
        "en": "{n} cells with minutes from a single month have no chart.",
    },
    "r.per": {"vi": "theo {unit}", "en": "by {unit}"},
    "r.month": {"vi": "tháng", "en": "month"},
    "r.quarter": {"vi": "quý", "en": "quarter"},
    "r.year": {"vi": "năm", "en": "year"},
    "r.no_meeting": {"vi": "không có biên bản", "en": "no minutes"},
    "r.meetings": {"vi": "{n} cuộc họp", "en": "{n} meetings"},
    "r.meetings_head": {"vi": "Số cuộc họp", "en": "Meetings"},
    "r.failed": {"vi": "Tệp không xử lý được", "en": "Files that failed"},
    "r.timeline": {"vi": "Diễn biến theo thời gian", "en": "Over time"},
    "r.periods": {"vi": "Tổng hợp theo chi bộ và kỳ", "en": "By cell and period"},
    "r.details": {"vi": "Chi tiết từng biên bản", "en": "Each document"},
    "r.date": {"vi": "Ngày", "en": "Date"},
    "r.kind": {"vi": "Loại", "en": "Kind"},
    "r.files": {"vi": "Các tệp", "en": "Files"},
    "r.unknown_cell": {"vi": "(chưa rõ chi bộ)", "en": "(cell unknown)"},
    "r.unknown_period": {"vi": "(chưa rõ ngày)", "en": "(no date)"},
    "r.kind.thuong_ky": {"vi": "thường kỳ", "en": "regular"},
    "r.kind.chuyen_de": {"vi": "chuyên đề", "en": "thematic"},
    "r.kind.ket_nap": {"vi": "kết nạp đảng viên", "en": "admission"},
    "r.kind.cong_nhan_chinh_thuc": {"vi": "công nhận đảng viên chính thức", "en": "recognition as full member"},
    "r.kind.kiem_diem": {"vi": "kiểm điểm", "en": "review and grading"},
    "r.kind.nghi_quyet": {"vi": "nghị quyết", "en": "resolution"},
    "r.kind.bao_cao": {"vi": "báo cáo", "en": "report"},
    "r.no_flags": {"vi": "Không có cảnh báo.", "en": "No flags."},
    "r.evidence": {"vi": "Các đoạn liên quan", "en": "Segments"},
    "r.interval": {"vi": "khoảng 90%", "en": "90% interval"},
    "r.corrected": {"vi": "hiệu chỉnh", "en": "corrected"},
    "r.segments": {"vi": "{n} đoạn", "en": "{n} segments"},
    "r.review_count": {"vi": "{n} đoạn cần xem lại", "en": "{n} to review"},
    "r.alternatives": {"vi": "Các nhãn khả dĩ", "en": "Likeliest labels"},
    "r.terms": {"vi": "Từ quyết định", "en": "Deciding terms"},
    "r.top": {"vi": "Về đầu trang", "en": "Back to top"},
    "r.generated": {
        "vi": "Lập bằng bienban {version}, ngoại tuyến. Kết quả của mô hình cần được người đọc kiểm tra lại.",
        "en": "Made by bienban {version}, offline. The model's output needs a reader's check.",
    },
    "sev.info": {"vi": "Lưu ý", "en": "Note"},
    "sev.warning": {"vi": "Cảnh báo", "en": "Warning"},
    "sev.error": {"vi": "Nghiêm trọng", "en": "Serious"},
    # flags
    "flag.professional_dominant": {
        "vi": "công tác chuyên môn chiếm {value:.0%}, vượt ngưỡng {threshold:.0%}",
        "en": "professional work takes {value:.0%} of the meeting, above the {threshold:.0%} limit",
    },
    "flag.interval": {"vi": " (khoảng 90%: {lo:.0%}–{hi:.0%})", "en": " (90% interval {lo:.0%}–{hi:.0%})"},
    "flag.interval_uncertain": {
        "vi": " (khoảng 90%: {lo:.0%}–{hi:.0%}, không nằm hẳn một phía ngưỡng: cần đọc lại biên bản để chắc chắn)",
        "en": " (90% interval {lo:.0%}–{hi:.0%}, not wholly past the limit: read the minutes to be sure)",
    },
    "flag.not_minutes.language": {
        "vi": "văn bản không phải tiếng Việt, không giống biên bản sinh hoạt chi bộ: không tính tỷ trọng",
        "en": "the text is not Vietnamese and does not look like cell meeting minutes: no shares computed",
    },
    "flag.not_minutes.no_diacritics": {
        "vi": "biên bản được gõ không dấu: bienban chỉ đọc được tiếng Việt có dấu (Unicode); hãy gõ lại có dấu, "
        "không tính tỷ trọng",
        "en": "the minutes are typed without Vietnamese tone marks: bienban reads only Vietnamese with its marks "
        "(Unicode); no shares computed",
    },
    "flag.not_minutes.empty": {
        "vi": "văn bản không có chữ nào (chỉ có dấu, số hoặc ký hiệu): không tính tỷ trọng",
        "en": "the text has no words at all (only punctuation, numbers or symbols): no shares computed",
    },
    "flag.not_minutes.template": {
        "vi": "văn bản là mẫu biên bản chưa điền (còn nhiều chỗ trống ……): không tính tỷ trọng",
        "en": "the text is a minutes template whose blanks are not filled in (……): no shares computed",
    },
    "flag.not_minutes.topic": {
        "vi": "văn bản không có từ ngữ về công tác đảng (chi bộ, đảng viên, biên bản...), không giống biên bản "
        "sinh hoạt chi bộ: không tính tỷ trọng",
        "en": "the text has no party-cell vocabulary (chi bộ, đảng viên, biên bản...) and does not look like "
        "cell meeting minutes: no shares computed",
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
    # hostile and broken input (read.py and readers/): limits and what a file really is
    "opt.max_size": {
        "vi": "Kích thước tối đa của một tệp đầu vào, tính bằng MB.",
        "en": "Largest input file to read, in MB.",
    },
    "opt.max_docx_size": {
        "vi": "Kích thước tối đa khi giải nén một tệp .docx, tính bằng MB (chống bom zip).",
        "en": "Largest size a .docx may unpack to, in MB (zip bombs).",
    },
    "opt.max_pages": {"vi": "Số trang tối đa của một tệp PDF.", "en": "Most pages a PDF may have."},
    "err.too_large": {
        "vi": "{file}: tệp {size} MB, vượt giới hạn {limit} MB; nếu đúng là biên bản, hãy nâng giới hạn bằng --max-size",
        "en": "{file}: {size} MB, over the {limit} MB limit; if it really is minutes, raise the limit with --max-size",
    },
    "err.docx_too_large": {
        "vi": "{file}: tệp .docx khi giải nén lên tới {size} MB, vượt giới hạn {limit} MB (có thể là bom zip); nếu tin tưởng tệp, hãy nâng giới hạn bằng --max-docx-size",
        "en": "{file}: the .docx unpacks to {size} MB, over the {limit} MB limit (a zip bomb?); if you trust the file, raise the limit with --max-docx-size",
    },
    "err.zip_bomb": {
        "vi": "{file}: phần {part} của tệp .docx bị nén {ratio}:1 như một bom zip; hãy mở bằng Word và lưu lại",
        "en": "{file}: part {part} of the .docx is compressed {ratio}:1, as zip bombs are; open it in Word and save it again",
    },
    "err.too_many_pages": {
        "vi": "{file}: PDF có {pages} trang, vượt giới hạn {limit} trang; nếu đúng là biên bản, hãy nâng giới hạn bằng --max-pages",
        "en": "{file}: the PDF has {pages} pages, over the {limit}-page limit; if it really is minutes, raise the limit with --max-pages",
    },
    "err.image": {
        "vi": "{file}: đây là ảnh {kind}, không phải văn bản; hãy chạy OCR trước rồi lưu thành .txt hoặc .docx",
        "en": "{file}: this is a {kind} image, not text; run OCR first and save the text as .txt or .docx",
    },
    "err.archive": {
        "vi": "{file}: đây là tệp nén {kind}; hãy giải nén rồi đưa các tệp bên trong",
        "en": "{file}: this is a {kind} archive; extract it and give the files inside",
    },
    "err.other_format": {
        "vi": "{file}: đây là tệp {kind}, không phải biên bản dạng văn bản; hãy lưu lại dưới dạng .docx",
        "en": "{file}: this is a {kind} file, not minutes text; save it as .docx",
    },
    "err.docx_encrypted": {
        "vi": "{file}: tệp Word có mật khẩu; hãy mở bằng Word, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) và lưu lại",
        "en": "{file}: the Word file is password-protected; open it in Word, remove the password (File > Info > Protect Document) and save it again",
    },
    "err.pdf_encrypted": {
        "vi": "{file}: PDF có mật khẩu; hãy xuất lại PDF không đặt mật khẩu",
        "en": "{file}: the PDF is password-protected; export it again without a password",
    },
    "err.not_regular": {
        "vi": "{file}: không phải tệp thông thường (thiết bị, đường ống hoặc socket); hãy đưa tệp biên bản",
        "en": "{file}: not a regular file (a device, pipe or socket); give a minutes file",
    },
    "err.folder_unreadable": {
        "vi": "{file}: không đọc được thư mục (không có quyền); hãy cấp quyền đọc cho thư mục",
        "en": "{file}: the folder cannot be listed (permission denied); make it readable",
    },
    "err.os": {
        "vi": "{file}: hệ điều hành không cho đọc tệp ({reason}); hãy kiểm tra tệp và đĩa",
        "en": "{file}: the system cannot read the file ({reason}); check the file and the disk",
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
    # local workers, Dask and --resume (distribute.py)
    "opt.workers": {
        "vi": "Số tiến trình chạy song song trên máy này (mặc định 1).",
        "en": "Number of local worker processes (default 1).",
    },
    "opt.scheduler": {
        "vi": "Gửi việc tới cụm Dask có sẵn, ví dụ tcp://HOST:8786 (cần gói bienban[dask] và cùng mô hình trên mọi worker).",
        "en": "Send the work to an existing Dask cluster, e.g. tcp://HOST:8786 (each worker needs bienban[dask] and the same model).",
    },
    "opt.scheduler_timeout": {
        "vi": "Số giây chờ kết nối tới scheduler và chờ worker đầu tiên.",
        "en": "Seconds to wait for the scheduler to answer and for its first worker.",
    },
    "opt.resume": {
        "vi": "Bỏ qua các tệp đã có kết quả trong tệp JSONL -o và ghi tiếp; khi bấm Ctrl-C, các kết quả đã xong được giữ lại.",
        "en": "Skip files already in the -o JSONL output and add the rest; on Ctrl-C the results done so far are kept.",
    },
    "err.workers_scheduler": {
        "vi": "chỉ dùng một trong hai: --workers hoặc --scheduler",
        "en": "use --workers or --scheduler, not both",
    },
    "err.resume_jsonl": {
        "vi": "--resume cần tệp đầu ra JSON Lines: -o KẾT_QUẢ.jsonl (không dùng với --by)",
        "en": "--resume needs a JSON Lines output file: -o RESULTS.jsonl (not with --by)",
    },
    "err.cannot_write": {
        "vi": "{file}: không ghi được ({reason}); hãy chọn thư mục có quyền ghi và còn chỗ trống",
        "en": "{file}: cannot write ({reason}); choose a folder you can write to, with free space",
    },
    "err.resume_review": {
        "vi": "--resume không dùng được với --review-out: tệp xem lại sẽ chỉ còn các tệp gắn nhãn lần này; "
        "hãy tạo tệp xem lại trong một lần chạy riêng",
        "en": "--resume cannot be used with --review-out: the review file would hold only the files tagged this "
        "time; write the review file in a run of its own",
    },
    "err.resume_not_results": {
        "vi": "{file}:{line}: không phải kết quả JSON Lines của bienban tag; --resume sẽ ghi đè tệp này, hãy chọn tệp -o khác",
        "en": "{file}:{line}: not a JSON Lines result of bienban tag; --resume would overwrite it, choose another -o file",
    },
    "err.dask_missing": {
        "vi": "--scheduler cần Dask; hãy cài: pip install 'bienban[dask]'",
        "en": "--scheduler needs Dask; install it with: pip install 'bienban[dask]'",
    },
    "err.no_scheduler": {
        "vi": "không kết nối được tới Dask scheduler {address} ({reason}); hãy kiểm tra địa chỉ và cổng (dask scheduler in ra tcp://HOST:PORT)",
        "en": "cannot reach the Dask scheduler at {address} ({reason}); check the address and port (dask scheduler prints tcp://HOST:PORT)",
    },
    "err.no_dask_workers": {
        "vi": "Dask scheduler {address} không có worker nào sau {seconds} giây; hãy chạy: dask worker {address}",
        "en": "the Dask scheduler at {address} has no worker after {seconds} s; start one with: dask worker {address}",
    },
    "err.dask_task": {
        "vi": "{file}: worker Dask không chạy được bienban ({reason}); hãy cài cùng phiên bản bienban trên mọi worker: pip install 'bienban[dask]'",
        "en": "{file}: a Dask worker could not run bienban ({reason}); install the same bienban on every worker: pip install 'bienban[dask]'",
    },
    "err.worker_died": {
        "vi": "{file}: một tiến trình worker đã dừng đột ngột (thiếu bộ nhớ?); hãy chạy lại với ít --workers hơn, thêm --resume để không làm lại",
        "en": "{file}: a worker process stopped unexpectedly (out of memory?); run again with fewer --workers, and --resume to keep what is done",
    },
    "err.model_differs": {
        "vi": "mô hình {path} trên máy {host} khác mô hình của máy gửi việc (SHA-256 khác nhau); hãy chép cùng một mô hình lên mọi worker",
        "en": "the model {path} on {host} differs from the submitting machine's (SHA-256 differs); copy the same model to every worker",
    },
    "w.resume": {
        "vi": "{done} tệp đã có kết quả trong {path}; còn {todo} tệp",
        "en": "{done} files already done in {path}; {todo} to go",
    },
    "w.interrupted": {
        "vi": "Đã dừng: {done} tệp đã xong được giữ trong {path}; chạy lại cùng lệnh với --resume để làm tiếp",
        "en": "Interrupted: {done} finished files kept in {path}; run the same command with --resume to go on",
    },
    # policy, metadata and periods (policy.py, meta.py, periods.py)
    "opt.policy": {
        "vi": "Tệp chính sách TOML (ngưỡng, mức cảnh báo); mặc định: chính sách kèm theo.",
        "en": "Policy file in TOML (thresholds, severities); default: the shipped policy.",
    },
    "opt.meta": {
        "vi": "Tệp CSV thông tin biên bản (cột file, cell_name, cell, date, kind), ưu tiên hơn thông tin đọc từ đầu biên bản.",
        "en": "Metadata CSV (columns file, cell_name, cell, date, kind) that overrides what the minutes' headers say.",
    },
    "opt.by": {
        "vi": "Tổng hợp theo chi bộ và/hoặc kỳ thay vì từng biên bản: cell, month, quarter, year, ví dụ cell,quarter.",
        "en": "Summarise by cell and/or period instead of per document: cell, month, quarter, year, e.g. cell,quarter.",
    },
    "flag.share_low": {
        "vi": "nội dung {label} chỉ chiếm {value:.0%}, dưới mức tối thiểu {threshold:.0%}",
        "en": "{label} takes only {value:.0%} of the meeting, below the {threshold:.0%} minimum",
    },
    "period.missing_label": {
        "vi": "không cuộc họp nào trong {quarter} bàn về {label} (số cuộc họp đã đọc: {n})",
        "en": "no meeting in {quarter} discussed {label} (meetings read: {n})",
    },
    "period.no_thematic": {
        "vi": "{quarter} có {found} cuộc họp chuyên đề, cần ít nhất {required} (số cuộc họp đã đọc: {n})",
        "en": "{quarter} had {found} thematic meetings, at least {required} required (meetings read: {n})",
    },
    "period.professional_dominant": {
        "vi": "công tác chuyên môn vượt ngưỡng {threshold:.0%} ở {count}/{n} cuộc họp (cao nhất {worst:.0%})",
        "en": "professional work above the {threshold:.0%} limit in {count} of {n} meetings (highest {worst:.0%})",
    },
    "period.share_low": {
        "vi": "nội dung {label} dưới mức tối thiểu {threshold:.0%} ở {count}/{n} cuộc họp (thấp nhất {worst:.0%})",
        "en": "{label} below the {threshold:.0%} minimum in {count} of {n} meetings (lowest {worst:.0%})",
    },
    "period.no_content": {
        "vi": "{count}/{n} cuộc họp không có nội dung ngoài phần thủ tục",
        "en": "{count} of {n} meetings have no content beyond the procedural frame",
    },
    "period.other": {
        "vi": "cảnh báo {code} ở {count}/{n} cuộc họp",
        "en": "{code} in {count} of {n} meetings",
    },
    "h.cell": {"vi": "Chi bộ", "en": "Cell"},
    "h.period": {"vi": "Kỳ", "en": "Period"},
    "h.meetings": {"vi": "Số BB", "en": "Minutes"},
    "w.all": {"vi": "(tất cả)", "en": "(all)"},
    "w.unknown": {"vi": "(không rõ)", "en": "(unknown)"},
    "short.party_building": {"vi": "XDĐ", "en": "Party"},
    "short.ideology": {"vi": "CT-TT", "en": "Ideol."},
    "short.inspection": {"vi": "KT-GS", "en": "Insp."},
    "short.member_development": {"vi": "PTĐV", "en": "Members"},
    "short.professional_work": {"vi": "CM", "en": "Work"},
    "err.policy_missing": {
        "vi": "{file}: không tìm thấy tệp chính sách; bỏ --policy để dùng chính sách kèm theo",
        "en": "{file}: no such policy file; leave out --policy to use the shipped policy",
    },
    "err.policy_toml": {
        "vi": "{file}: tệp chính sách không phải TOML hợp lệ ({reason})",
        "en": "{file}: the policy is not valid TOML ({reason})",
    },
    "err.policy_key": {
        "vi": "{file}: khóa không hợp lệ {setting}; các khóa hợp lệ: {known}",
        "en": "{file}: unknown key {setting}; known keys: {known}",
    },
    "err.policy_type": {
        "vi": "{file}: {setting} phải là {expected_vi}, không phải {got!r}",
        "en": "{file}: {setting} must be {expected_en}, not {got!r}",
    },
    "err.policy_range": {
        "vi": "{file}: {setting} = {value} nằm ngoài khoảng từ 0 đến 1 (tỷ lệ: 0.5 là 50%)",
        "en": "{file}: {setting} = {value} is outside 0 to 1 (a share: 0.5 is 50%)",
    },
    "err.policy_negative": {
        "vi": "{file}: {setting} = {value} không được âm",
        "en": "{file}: {setting} = {value} cannot be negative",
    },
    "err.policy_value": {
        "vi": "{file}: {setting}: giá trị không hợp lệ {value!r}; giá trị hợp lệ: {known}",
        "en": "{file}: {setting}: unknown value {value!r}; known values: {known}",
    },
    "err.meta_columns": {
        "vi": "{file}: CSV thông tin biên bản cần cột file (và một số cột trong: {columns})",
        "en": "{file}: the metadata CSV needs a file column (and some of: {columns})",
    },
    "err.meta_column": {
        "vi": "{file}: cột không hợp lệ {column!r}; các cột hợp lệ: {columns}",
        "en": "{file}: unknown column {column!r}; known columns: {columns}",
    },
    "err.meta_file": {"vi": "{file}:{line}: thiếu tên tệp (cột file)", "en": "{file}:{line}: the file column is empty"},
    "err.meta_kind": {
        "vi": "{file}:{line}: loại cuộc họp không hợp lệ {value!r}; loại hợp lệ: {kinds}",
        "en": "{file}:{line}: unknown kind {value!r}; known kinds: {kinds}",
    },
    "err.meta_date": {
        "vi": "{file}:{line}: ngày không hợp lệ {value!r}; hãy viết 2024-03-15 hoặc 15/3/2024",
        "en": "{file}:{line}: invalid date {value!r}; write 2024-03-15 or 15/3/2024",
    },
    "err.meta_cell": {
        "vi": "{file}:{line}: loại chi bộ {value!r} phải là mã chữ thường, ví dụ village, commune_agency",
        "en": "{file}:{line}: cell type {value!r} must be a lower-case id such as village, commune_agency",
    },
    "err.bad_by": {
        "vi": "--by {value!r} không hợp lệ; dùng cell, month, quarter hoặc year (nhiều nhất một kỳ), ví dụ cell,quarter",
        "en": "--by {value!r} is invalid; use cell, month, quarter or year (one period at most), e.g. cell,quarter",
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
