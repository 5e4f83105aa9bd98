# source: https://github.com/HKUDS/LightRAG/issues/249
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# bug-lines: 28, 32
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Local Hugging Face embedding backend used by the graph-RAG indexer."""
from dataclasses import dataclass
from typing import Awaitable, Callable, List

import numpy as np
import torch


@dataclass
class EmbeddingFunc:
    embedding_dim: int
    max_token_size: int
    func: Callable[[List[str]], Awaitable[np.ndarray]]

    async def __call__(self, texts: List[str]) -> np.ndarray:
        return await self.func(texts)


async def hf_embed(texts: List[str], tokenizer, embed_model, max_length: int = 512) -> np.ndarray:
    # bge models use the [CLS] vector as the sentence embedding
    input_ids = tokenizer(
        texts, return_tensors="pt", padding=True, truncation=True, max_length=max_length
    ).input_ids
    with torch.no_grad():
        outputs = embed_model(input_ids)
        cls = outputs.last_hidden_state[:, 0]
        cls = torch.nn.functional.normalize(cls, p=2, dim=-1)
    if cls.dtype != torch.float32:
        cls = cls.float()
    return cls.detach().cpu().numpy()
