# source: https://github.com/jina-ai/executors/pull/198
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, batch-dict, loader-loop
# bug-lines: 40
# needs: torch, numpy, transformers
# cpu: no written where torch was not installed; not run
"""Re-rank retrieved passages with a DPR reader (relevance logits per passage)."""
import numpy as np
import torch
from transformers import DPRReader, DPRReaderTokenizerFast


class DPRReaderRanker:
    def __init__(self, model_name="facebook/dpr-reader-single-nq-base", device="cuda",
                 batch_size=16, title_tag_key="title"):
        self.device = torch.device(device)
        self.batch_size = batch_size
        self.title_tag_key = title_tag_key
        self.tokenizer = DPRReaderTokenizerFast.from_pretrained(model_name)
        self.model = DPRReader.from_pretrained(model_name).to(self.device).eval()

    def _encode(self, question, titles, texts):
        enc = self.tokenizer(questions=[question] * len(texts), titles=titles, texts=texts,
                             padding=True, truncation=True, max_length=256, return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    @torch.no_grad()
    def _relevance(self, question, matches):
        titles = [m.get("tags", {}).get(self.title_tag_key, "") for m in matches]
        texts = [m["text"] for m in matches]
        out = self.model(**self._encode(question, titles, texts))
        return out.relevance_logits

    def rank(self, query, matches, top_k=10):
        scores = []
        for start in range(0, len(matches), self.batch_size):
            chunk = matches[start:start + self.batch_size]
            logits = self._relevance(query["text"], chunk)
            scores.append(logits.numpy())
        scores = np.concatenate(scores)
        order = np.argsort(-scores)[:top_k]
        return [dict(matches[i], relevance=float(scores[i])) for i in order]


if __name__ == "__main__":
    ranker = DPRReaderRanker()
    q = {"text": "who wrote the origin of species"}
    docs = [{"text": "On the Origin of Species was published by Charles Darwin in 1859.",
             "tags": {"title": "On the Origin of Species"}},
            {"text": "The Voyage of the Beagle is a book by Darwin.", "tags": {"title": "Beagle"}}]
    for d in ranker.rank(q, docs):
        print(round(d["relevance"], 3), d["tags"]["title"])
