"""The optional sentence encoder: batching that changes no embedding, and the cache of the
unpacked weights, which is used only when it passes the same SHA-256 check as the zip."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tokenizers")

import core.semantic as semantic  # noqa: E402

if not semantic.available():
    pytest.skip("optional model package not installed", allow_module_level=True)

TEXTS = [
    "A man is eating food.",
    "Trump has decided to push back his decision on the tariffs until June 1.",
    "The girl is carrying a baby.",
    "Officials said the storm had cut power to 40,000 homes across three counties "
    "and that crews would work through the night to restore it.",
    "No.",
    "The president predicted a legal fight that will wind up before the Supreme Court.",
]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """A new, empty cache folder, and the model read again on the next use."""
    monkeypatch.setenv(semantic.CACHE_DIR_ENV, str(tmp_path))
    semantic.load.cache_clear()
    yield tmp_path
    semantic.load.cache_clear()


def test_batched_encoding_equals_one_text_at_a_time():
    """Texts of very different lengths share packed dense products and padded attention
    batches; each embedding must still be the one the text gets alone."""
    together = semantic.embed_uncached(TEXTS)
    alone = np.concatenate([semantic.embed_uncached([t]) for t in TEXTS])
    assert together.shape == (len(TEXTS), 384)
    assert np.abs(together - alone).max() < 1e-5
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_batches_of_many_groups_agree_with_one_group(monkeypatch):
    """Encoding in several token groups and attention batches changes no embedding."""
    texts = [f"{t} ({i})" for i in range(5) for t in TEXTS]
    whole = semantic.embed_uncached(texts)
    monkeypatch.setattr(semantic, "_workers", lambda: 3)
    monkeypatch.setattr(semantic, "_GROUP_TOKENS", 40)
    monkeypatch.setattr(semantic, "_BATCH", 3)
    monkeypatch.setattr(semantic, "_GELU_ROWS", 7)
    assert np.abs(semantic.embed_uncached(texts) - whole).max() < 1e-5


def test_without_threadpoolctl_one_thread_encodes_everything(monkeypatch):
    texts = [f"{t} ({i})" for i in range(5) for t in TEXTS]
    whole = semantic.embed_uncached(texts)
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)  # importing it fails
    monkeypatch.setattr(semantic, "_workers", lambda: 1)
    monkeypatch.setattr(semantic, "_GROUP_TOKENS", 40)
    assert np.abs(semantic.embed_uncached(texts) - whole).max() < 1e-5


def test_every_text_is_in_exactly_one_group():
    ids = [[0] * n for n in (5, 90, 3, 3, 40, 7, 250, 2)]
    for workers in (1, 2, 3):
        groups = semantic._groups(ids, workers)
        assert sorted(i for g in groups for i in g) == list(range(len(ids)))
        assert len(groups) >= min(workers, len(ids))


def test_the_checked_weights_are_kept_unpacked_in_the_cache_folder(fresh_cache):
    semantic.load()
    kept = list(fresh_cache.iterdir())
    assert [p.name for p in kept] == [semantic._unpacked_path().name]
    assert hashlib.sha256(kept[0].read_bytes()).hexdigest() == semantic.WEIGHTS_SHA256


def test_a_cached_file_that_fails_the_hash_is_not_used(fresh_cache):
    expected = semantic.embed_uncached(TEXTS[:3])
    semantic.load.cache_clear()
    path = semantic._unpacked_path()
    good = path.read_bytes()
    # Same size, one weight changed: it would parse, and give other embeddings.
    tampered = bytearray(good)
    tampered[len(good) // 2] ^= 0xFF
    path.write_bytes(bytes(tampered))
    assert np.array_equal(semantic.embed_uncached(TEXTS[:3]), expected)
    assert path.read_bytes() == good  # the checked weights were written back


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    expected = semantic.embed_uncached(TEXTS[:3])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv(semantic.CACHE_DIR_ENV, str(blocker))
    semantic.load.cache_clear()
    try:
        vectors = semantic.embed_uncached(TEXTS[:3])
    finally:
        semantic.load.cache_clear()
    assert np.array_equal(vectors, expected)
    assert blocker.read_text().startswith("a file")
    assert list(tmp_path.iterdir()) == [blocker]  # no temporary file left behind


def test_the_weights_are_views_not_copies():
    """The 90 MB are held once: the tensors are views of the checked bytes."""
    weights = semantic.load().weights
    word = weights["embeddings.word_embeddings.weight"]
    assert word.dtype == np.float32
    assert word.shape == (30522, 384)
    assert not word.flags.owndata


def test_the_test_run_keeps_the_weights_out_of_the_home_folder():
    from conftest import USER_CACHE_ENV

    assert USER_CACHE_ENV == semantic.CACHE_DIR_ENV
    assert Path(os.environ[USER_CACHE_ENV]).resolve() != Path.home() / ".cache" / "factcompare"
