# source: https://github.com/FlagOpen/FlagEmbedding/issues/440
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 25
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Dense passage embedder (CLS pooling) used to build a small FAQ retrieval index."""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
from transformers import AutoModel, AutoTokenizer


class PassageEmbedder:
    def __init__(self, model_name="BAAI/bge-base-en-v1.5", use_fp16=True, max_length=512,
                 query_instruction="Represent this sentence for searching relevant passages: "):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModel.from_pretrained(model_name)
        self.device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
        if use_fp16:
            self.model.half()
        self.model = self.model.to(self.device).eval()
        self.max_length = max_length
        self.query_instruction = query_instruction

    @torch.no_grad()
    def _encode(self, texts, batch_size):
        chunks = []
        for start in range(0, len(texts), batch_size):
            batch = self.tokenizer(texts[start:start + batch_size], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="pt").to(self.device)
            hidden = self.model(**batch, return_dict=True).last_hidden_state
            cls = F.normalize(hidden[:, 0], dim=-1)
            chunks.append(cls.float().cpu().numpy())
        return np.concatenate(chunks, axis=0)

    def encode_corpus(self, passages, batch_size=64):
        return self._encode(passages, batch_size)

    def encode_queries(self, queries, batch_size=64):
        return self._encode([self.query_instruction + q for q in queries], batch_size)


def build_index(faq_path):
    with open(faq_path) as f:
        faq = json.load(f)
    embedder = PassageEmbedder()
    answers = [item["answer"] for item in faq]
    return embedder, answers, embedder.encode_corpus(answers)


if __name__ == "__main__":
    embedder, answers, corpus_emb = build_index("faq.json")
    for question in sys.argv[1:]:
        scores = embedder.encode_queries([question]) @ corpus_emb.T
        best = int(np.argmax(scores[0]))
        print(f"{question!r} -> {answers[best][:80]!r} ({scores[0, best]:.3f})")
