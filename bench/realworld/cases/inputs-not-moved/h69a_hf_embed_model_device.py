# source: https://github.com/HKUDS/LightRAG/pull/266
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# looks-like: inputs-not-moved
# shape: helper, loader-loop
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Embed document chunks for the vector store with a local bge model (model may sit on any GPU)."""
import asyncio
import sys

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer


async def hf_embed(texts, tokenizer, embed_model, max_length=512):
    device = next(embed_model.parameters()).device
    input_ids = tokenizer(
        texts, return_tensors="pt", padding=True, truncation=True, max_length=max_length
    ).input_ids.to(device)
    with torch.no_grad():
        outputs = embed_model(input_ids)
        embeddings = outputs.last_hidden_state.mean(dim=1)
    if embeddings.dtype == torch.bfloat16:
        embeddings = embeddings.to(torch.float32)
    return embeddings.detach().cpu().numpy()


async def embed_chunks(chunks, tokenizer, embed_model, batch_size=32):
    parts = []
    for start in range(0, len(chunks), batch_size):
        parts.append(await hf_embed(chunks[start:start + batch_size], tokenizer, embed_model))
    return np.concatenate(parts, axis=0)


if __name__ == "__main__":
    path = "/data/project/raag/bge-large-zh-v1.5"
    tokenizer = AutoTokenizer.from_pretrained(path, model_max_length=512)
    model = AutoModel.from_pretrained(path, torch_dtype=torch.bfloat16).to("cuda:0").eval()
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    chunks = [text[i:i + 1000] for i in range(0, len(text), 900)]
    vectors = asyncio.run(embed_chunks(chunks, tokenizer, model))
    np.save("chunks.npy", vectors)
