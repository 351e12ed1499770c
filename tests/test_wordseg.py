"""The batch decoder must give underthesea's words exactly: any difference would change the model's features."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from underthesea import word_tokenize

from bienban import tokenise, wordseg
from bienban.normalise import clean
from bienban.shape import sentences

DATA = Path(__file__).parent.parent / "data"
EDGES = [
    "",
    "   ",
    ".",
    "- - -",
    "+5 -7 2147483647 2147483648 -2147483648 -2147483649 007",
    "Đ/c Nguyễn Văn Ánh (CB) - 12/3/2023: nhất trí 100%, đề nghị bổ sung KH số 05-KH/CB.",
    "COVID-19, v.v... HTX Nông nghiệp Tân Phú; UBND xã; BCH Đoàn; email chibo@xa.gov.vn, https://dangcongsan.vn",
    "ẞtraße Σίσυφος ΟΔΥΣΣΕΥΣ İstanbul ǅemal 🙂 ½ ² ⅷ",
    "CHI BỘ THÔN ĐÔNG HÀ ĐẢNG BỘ XÃ VĨNH LONG",
    "chi bộ họp thường kỳ tháng 3 năm 2024",
    "Quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng",
    "a",
    "A B C D E F",
    "số " + "1" * 4301,  # beyond int()'s digit limit: Rust's parse::<i32> just fails
    "chi bộ họp \u1c8a \u1c8a thường kỳ",  # letters of a newer Unicode than Python's: word_tokenize decides
    "Ban ɤᢜੈ ὠ tháng",
    "Ơn Ưu ơi ưa – “họp” … €5",
]


@pytest.fixture(scope="module")
def segmenter() -> wordseg.CRFSegmenter:
    loaded = wordseg.load()
    assert loaded is not None, "underthesea's pinned model was not found: the fast path is off"
    return loaded


def _corpus_sentences() -> list[str]:
    """The sentences of the test split: whole minutes m03 and isolated segments b07."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "minutes").glob("m03_*.txt"))]
    with (DATA / "segments" / "b07_mixed_test.jsonl").open(encoding="utf-8") as handle:
        texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return sorted({s for text in texts for line in text.splitlines() for s in sentences(clean(line))})


def test_same_words_as_underthesea_on_the_test_split(segmenter: wordseg.CRFSegmenter) -> None:
    corpus = _corpus_sentences()
    assert len(corpus) > 1000
    assert segmenter.segment(corpus) == [word_tokenize(s, format="text") for s in corpus]


@pytest.mark.parametrize("sentence", EDGES)
def test_same_words_on_edge_cases(segmenter: wordseg.CRFSegmenter, sentence: str) -> None:
    assert segmenter.segment([sentence]) == [word_tokenize(sentence, format="text")]


_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ AĐCHBT"
_TEXT = st.text(alphabet=st.sampled_from(list(_LETTERS + "0123456789.,;:-/()%")), max_size=80)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_same_words_on_random_text_in_one_batch(segmenter: wordseg.CRFSegmenter, batch: list[str]) -> None:
    assert segmenter.segment(batch) == [word_tokenize(s, format="text") for s in batch]


def test_batches_do_not_leak_into_each_other(segmenter: wordseg.CRFSegmenter, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus_sentences()[:300]
    whole = segmenter.segment(corpus)
    monkeypatch.setattr(wordseg, "BATCH", 7)
    assert segmenter.segment(corpus) == whole


def test_other_model_files_fall_back_to_word_tokenize(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(wordseg.underthesea_model_dir(), copy)
    assert wordseg.pinned(copy)
    with (copy / "models.bin").open("ab") as handle:
        handle.write(b"\0")
    assert not wordseg.pinned(copy)
    assert wordseg.load(copy) is None
    assert wordseg.load(tmp_path / "missing") is None


def test_not_a_crfsuite_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "models.bin").write_bytes(b"UTCF" + bytes(100))
    with pytest.raises(ValueError, match="CRFsuite"):
        wordseg.read_crfsuite(tmp_path / "models.bin")


def test_tokenise_gives_the_same_words_without_the_fast_path() -> None:
    text = "Chi bộ quán triệt Nghị quyết Trung ương 4. Đồng chí Bí thư đề nghị đảng viên nêu gương."
    fast = tokenise._Words()
    slow = tokenise._Words()
    slow.loaded = True  # as if underthesea's model were not the pinned one
    found = [fast.get(s) for s in sentences(text)]
    assert fast.segmenter is not None
    assert found == [slow.get(s) for s in sentences(text)]
    assert slow.segmenter is None


def test_the_sentence_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenise, "SENTENCE_CACHE", 3)
    words = tokenise._Words()
    assert words.words(["một", "hai", "ba", "bốn", "năm"]) == {w: w for w in ["một", "hai", "ba", "bốn", "năm"]}
    assert list(words.cache.items) == ["ba", "bốn", "năm"]
    assert words.get("một") == "một"
    assert list(words.cache.items) == ["bốn", "năm", "một"]


def test_the_text_cache_is_bounded_and_a_batch_larger_than_the_caches_is_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenise, "_TEXTS", tokenise._Memo(2))
    monkeypatch.setattr(tokenise, "_WORDS", tokenise._Words())
    monkeypatch.setattr(tokenise._WORDS, "cache", tokenise._Memo(2))
    texts = [f"Chi bộ họp lần {n}. Đảng viên dự đủ." for n in range(6)]
    rows = tokenise.tokenise_contexts(texts)
    assert [r["text"] for r in rows] == [
        word_tokenize(t.split(". ")[0] + ".", format="text") + " " + word_tokenize("Đảng viên dự đủ.", format="text")
        for t in texts
    ]
    assert len(tokenise._TEXTS.items) == 2 and len(tokenise._WORDS.cache.items) == 2


def test_threads_share_the_caches_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenise, "_TEXTS", tokenise._Memo(5))
    monkeypatch.setattr(tokenise, "_WORDS", tokenise._Words())
    monkeypatch.setattr(tokenise._WORDS, "cache", tokenise._Memo(7))
    texts = [f"Chi bộ thôn {k % 13} họp ngày {k % 9}. Đồng chí {k % 5} phát biểu." for k in range(300)]
    want = [tokenise.tokenise(t) for t in texts]
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for k in range(len(texts)):
                i = (k * 7 + offset) % len(texts)
                assert tokenise.tokenise(texts[i]) == want[i]
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_python_and_underthesea_core_agree_on_every_character_the_fast_path_takes(
    segmenter: wordseg.CRFSegmenter,
) -> None:
    from underthesea_core import CRFFeaturizer

    templates = [template for template, _, _, _ in segmenter.templates]
    featurizer = CRFFeaturizer(templates, segmenter.dictionary)
    chars = [
        chr(c) for c in range(0x2FFF) if wordseg._SAFE.match(chr(c)) and chr(c).isprintable() and not chr(c).isspace()
    ]
    assert len(chars) > 750
    for sentence in ([c, c + "a", "A" + c] for c in chars):
        got = [list(row) for row in featurizer.process([[[t] for t in sentence]])[0]]
        assert got == segmenter.feature_strings(sentence), sentence


def test_a_featurizer_that_computes_other_features_turns_the_fast_path_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert wordseg.load() is not None
    monkeypatch.setattr(wordseg, "_is_title", lambda token: True)  # as if underthesea_core changed its istitle
    assert wordseg.load() is None
