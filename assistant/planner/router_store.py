"""Persisted router parameters, so a start with a warm cache neither retrains nor re-embeds.

``<cache_dir>/intent-router-<key>.npz`` holds the arrays (the n-gram vocabulary as a unicode
array; loaded with ``allow_pickle=False``) and ``intent-router-<key>.json`` the manifest, written
last with the npz's sha256. ``key`` hashes the training examples, the embedder's model id and
:data:`~assistant.planner.router.ROUTER_VERSION`, so editing an example, swapping the model or
changing the router retrains on the next start. Training embeddings go through an
:class:`~ingest.embedding.EmbeddingCache` in the same folder, so a retrain re-embeds only the
examples that changed. A missing, torn or mismatching file is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from assistant.intents import Intent
from assistant.planner.router import (
    EXAMPLES_PATH,
    ROUTER_VERSION,
    IntentRouter,
    RouterParams,
    load_examples,
    normalise,
)
from ingest.embedding import Embedder, EmbeddingCache

log = logging.getLogger(__name__)
PREFIX = "intent-router-"
_ARRAYS = ("intents", "vocabulary", "idf", "w_embedding", "w_ngrams", "bias")


def default_cache_dir(index_dir: Path) -> Path:
    return index_dir / "router"


def open_router(
    embedder: Embedder, index_dir: Path, examples_path: Path = EXAMPLES_PATH
) -> IntentRouter:
    """Start-up entry point: the router for the team's examples, kept in ``index_dir/router``."""
    return load_or_train(load_examples(examples_path), embedder, default_cache_dir(index_dir))


def cache_key(examples: Mapping[Intent, Sequence[str]], embedder_id: str) -> str:
    payload = {
        "router_version": ROUTER_VERSION,
        "embedder": embedder_id,
        "examples": {i.value: [normalise(t) for t in examples.get(i, ())] for i in Intent},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:24]


def load_or_train(
    examples: Mapping[Intent, Sequence[str]], embedder: Embedder, cache_dir: Path
) -> IntentRouter:
    """The router for ``examples``: loaded from ``cache_dir`` if trained before, else trained
    (embeddings through the folder's embedding cache) and saved there."""
    key = cache_key(examples, embedder.model_id)
    params = load_params(cache_dir, key)
    if params is not None:
        log.info("intent router %s loaded from %s", key, cache_dir)
        return IntentRouter(params, embedder)
    cache = EmbeddingCache(cache_dir / "embeddings.sqlite")
    try:
        router = IntentRouter.train(examples, embedder, cache=cache)
    finally:
        cache.close()
    save_params(router.params, cache_dir, key)
    log.info("intent router %s trained and saved to %s", key, cache_dir)
    return router


def save_params(params: RouterParams, cache_dir: Path, key: str) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    npz = cache_dir / f"{PREFIX}{key}.npz"
    tmp = npz.with_name(f".{npz.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        np.savez(
            fh,
            intents=np.array([i.value for i in params.intents]),
            vocabulary=np.array(sorted(params.vocabulary, key=params.vocabulary.__getitem__)),
            idf=params.idf,
            w_embedding=params.w_embedding,
            w_ngrams=params.w_ngrams,
            bias=params.bias,
        )
    tmp.replace(npz)
    manifest = {
        "key": key,
        "router_version": ROUTER_VERSION,
        "embedder_id": params.embedder_id,
        "intents": [i.value for i in params.intents],
        "ngrams": len(params.vocabulary),
        "npz_sha256": _sha256(npz),
    }
    meta = npz.with_suffix(".json")
    tmp = meta.with_name(f".{meta.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    tmp.replace(meta)
    for old in cache_dir.glob(f"{PREFIX}*"):
        if old.stem != npz.stem:
            old.unlink(missing_ok=True)
    return npz


def load_params(cache_dir: Path, key: str) -> RouterParams | None:
    """The saved parameters for ``key``, or None when absent or unusable (logged)."""
    npz = cache_dir / f"{PREFIX}{key}.npz"
    meta = npz.with_suffix(".json")
    if not (npz.is_file() and meta.is_file()):
        return None
    try:
        manifest = json.loads(meta.read_text(encoding="utf-8"))
        if manifest.get("key") != key or manifest.get("npz_sha256") != _sha256(npz):
            raise ValueError("manifest does not match the parameter file")
        with np.load(npz, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _ARRAYS}
        intents = tuple(Intent(str(v)) for v in arrays["intents"])
        vocabulary = {str(g): i for i, g in enumerate(arrays["vocabulary"])}
        params = RouterParams(
            intents=intents,
            embedder_id=str(manifest["embedder_id"]),
            vocabulary=vocabulary,
            idf=arrays["idf"].astype(np.float32),
            w_embedding=arrays["w_embedding"].astype(np.float32),
            w_ngrams=arrays["w_ngrams"].astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
        )
        _check_shapes(params)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("ignoring router cache %s: %s", npz, exc)
        return None
    return params


def _check_shapes(p: RouterParams) -> None:
    n, v = len(p.intents), len(p.vocabulary)
    if set(p.intents) != set(Intent) or len(p.intents) != len(Intent):
        raise ValueError("intent set differs from assistant.intents.Intent")
    if (
        p.bias.shape != (n,)
        or p.w_embedding.ndim != 2
        or p.w_embedding.shape[0] != n
        or p.w_ngrams.shape != (v, n)
        or p.idf.shape != (v,)
    ):
        raise ValueError("parameter shapes are inconsistent")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
