# source: https://github.com/StarTrail-org/LEANN/pull/405
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half' (on a GPU host: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!)
# pattern: module-cast-not-placed
# shape: helper, loader-loop, top-level
# bug-lines: 34, 56
# needs: torch, transformers, numpy
# cpu: no written where torch was not installed; not run
"""Embed passages with a sentence-transformers checkpoint for a dense retrieval index."""
import numpy as np
import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer

_MODEL_CACHE = {}


def resolve_device(device=None):
    if device is not None:
        return torch.device(device)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def _load_encoder(model_name, use_fp16):
    key = (model_name, use_fp16)
    if key in _MODEL_CACHE:
        return _MODEL_CACHE[key]
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    model = AutoModel.from_pretrained(model_name)
    if use_fp16:
        model = model.half()
    model.eval()
    _MODEL_CACHE[key] = (tokenizer, model)
    return tokenizer, model


def mean_pool(last_hidden, attention_mask):
    mask = attention_mask.unsqueeze(-1).to(last_hidden.dtype)
    return (last_hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-6)


@torch.no_grad()
def compute_embeddings(texts, model_name="sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2",
                       use_fp16=True, device=None, batch_size=32, max_length=256):
    device = resolve_device(device)
    tokenizer, model = _load_encoder(model_name, use_fp16)
    chunks = []
    for start in range(0, len(texts), batch_size):
        batch = texts[start:start + batch_size]
        enc = tokenizer(batch, padding=True, truncation=True, max_length=max_length,
                        return_tensors="pt")
        enc = {k: v.to(device) for k, v in enc.items()}
        out = model(**enc)
        emb = mean_pool(out.last_hidden_state, enc["attention_mask"])
        chunks.append(F.normalize(emb.float(), dim=-1).cpu().numpy())
    return np.concatenate(chunks, axis=0)


if __name__ == "__main__":
    passages = ["BM25 is a bag-of-words ranking function.",
                "Dense retrievers embed queries and passages into one vector space.",
                "Product quantization compresses vectors for approximate search."]
    vecs = compute_embeddings(passages)
    query = compute_embeddings(["how do dense retrievers work?"])
    print(np.argsort(-(vecs @ query[0])))
