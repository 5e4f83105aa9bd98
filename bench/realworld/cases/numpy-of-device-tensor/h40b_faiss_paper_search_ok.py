# source: https://github.com/ProjectDossier/cruise-screening/pull/100
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# looks-like: numpy-of-device-tensor
# needs: torch, numpy, faiss, transformers
# cpu: no written where torch was not installed; not run
"""Dense search over paper abstracts: encode with a transformer on GPU, search with faiss on CPU."""
import faiss
import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer


class AbstractEncoder:
    def __init__(self, name="allenai/specter2_base", device=None):
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.tok = AutoTokenizer.from_pretrained(name)
        self.model = AutoModel.from_pretrained(name).to(self.device).eval()

    @torch.no_grad()
    def encode(self, texts, batch_size=32):
        chunks = []
        for i in range(0, len(texts), batch_size):
            enc = self.tok(texts[i:i + batch_size], padding=True, truncation=True,
                           max_length=256, return_tensors="pt").to(self.device)
            cls = self.model(**enc).last_hidden_state[:, 0]
            chunks.append(torch.nn.functional.normalize(cls, dim=-1))
        return torch.cat(chunks)


def build_index(encoder, abstracts):
    emb = encoder.encode(abstracts)
    index = faiss.IndexFlatIP(emb.shape[1])
    index.add(emb.detach().cpu().numpy().astype(np.float32))
    return index


def search(encoder, index, query, k=10):
    q = encoder.encode([query])
    scores, ids = index.search(q.cpu().numpy().astype(np.float32), k)
    return list(zip(ids[0].tolist(), scores[0].tolist()))


if __name__ == "__main__":
    corpus = [
        "Deep hashing for large-scale image retrieval.",
        "Few-shot semantic segmentation with prototype alignment.",
        "Unsupervised learning of deformable 3D medical image registration.",
        "Knowledge distillation for efficient object detectors.",
    ]
    enc = AbstractEncoder()
    idx = build_index(enc, corpus)
    for doc_id, score in search(enc, idx, "binary codes for fast image search", k=2):
        print(doc_id, round(score, 3), corpus[doc_id])
