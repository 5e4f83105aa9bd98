# source: https://github.com/HKUDS/LightRAG/issues/249
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Chunk a text corpus and embed it for the naive-RAG vector store."""
import asyncio
import sys
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

from embed_backend import EmbeddingFunc, hf_embed

EMBED_DIR = "/data/project/raag/bge-large-zh-v1.5"
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

tokenizer = AutoTokenizer.from_pretrained(EMBED_DIR, model_max_length=512)
embed_model = AutoModel.from_pretrained(EMBED_DIR).to(device).eval()

embedding_func = EmbeddingFunc(
    embedding_dim=1024,
    max_token_size=512,
    func=lambda texts: hf_embed(texts, tokenizer=tokenizer, embed_model=embed_model),
)


def chunk_text(text: str, size: int = 1200, overlap: int = 100):
    step = size - overlap
    return [text[i:i + size] for i in range(0, max(len(text) - overlap, 1), step)]


async def index_corpus(path: str, batch_size: int = 16) -> np.ndarray:
    chunks = chunk_text(Path(path).read_text(encoding="utf-8"))
    vectors = []
    for start in range(0, len(chunks), batch_size):
        batch = chunks[start:start + batch_size]
        vectors.append(await embedding_func(batch))
    matrix = np.concatenate(vectors, axis=0)
    np.save(Path(path).with_suffix(".npy"), matrix)
    return matrix


if __name__ == "__main__":
    mat = asyncio.run(index_corpus(sys.argv[1] if len(sys.argv) > 1 else "caiwu.txt"))
    print("indexed", mat.shape)
