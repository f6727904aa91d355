"""The alignment annotations (bench/annotations/) are well formed: every snippet occurs
exactly once in its article as it is on disk, and lands in one passage of the tool's
segmentation.  A change to segmentation that splits an annotated sentence fails here,
not silently in the quality figures.  Nothing here runs the aligner."""

from __future__ import annotations

import pytest
from conftest import ROOT, SHARED, bench_module

ANNOTATIONS = sorted((ROOT / "bench" / "annotations").glob("*_alignment*.txt"))


quality = bench_module("quality")


def test_the_annotation_files_are_found():
    assert {p.name for p in ANNOTATIONS} >= {
        "corpus_alignment.txt",
        "news_alignment.txt",
        "news_alignment_dev.txt",
    }


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.name)
def test_every_snippet_names_one_sentence(path):
    sections = quality.read_annotation(path)
    assert sections, f"{path.name}: no sections"
    if path.name.startswith("news") and not (SHARED / "eval" / "news").is_dir():
        pytest.skip("../shared/eval/news is not beside the repository")
    problems = []
    for (a, b), pairs in sections.items():
        assert a < b, f"{path.name}: {a} {b} not in alphabetical order"
        texts = [quality.article_file(name).read_text(encoding="utf-8") for name in (a, b)]
        passages = [quality.passages_of(a, "L"), quality.passages_of(b, "R")]
        assert len(set(pairs)) == len(pairs), f"{path.name}: a pair repeated in {a} {b}"
        for pair in pairs:
            for snippet, text, side in zip(pair, texts, passages, strict=True):
                if text.count(snippet) != 1:
                    problems.append(f"{a} {b}: {snippet!r} occurs {text.count(snippet)} times")
                try:
                    quality.passage_of(snippet, side)
                except ValueError as error:
                    problems.append(f"{a} {b}: {error}")
    assert not problems, "\n".join(problems)
