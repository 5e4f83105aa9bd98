# source: https://github.com/TmaxEdu/KorDPR/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class, helper
# looks-like: inputs-not-moved
# needs: torch, transformers, faiss
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import AutoTokenizer

from indexer import DenseFlatIndexer
from model import KobertBiEncoder


class KorDPRRetriever:
    def __init__(self, model_path, index_path, passages, device="cuda:0"):
        self.device = torch.device(device if torch.cuda.is_available() else "cpu")
        self.tokenizer = AutoTokenizer.from_pretrained("skt/kobert-base-v1")
        self.model = KobertBiEncoder.load(model_path, self.device)
        self.index = DenseFlatIndexer()
        self.index.deserialize(index_path)
        self.passages = passages

    def _tokenize(self, query):
        tok = self.tokenizer([query], max_length=64, truncation=True,
                             padding="max_length", return_tensors="pt")
        return tok.to(self.device)

    @torch.no_grad()
    def retrieve(self, query, k=5):
        tok = self._tokenize(query)
        out = self.model(tok["input_ids"], tok["attention_mask"], "query")
        result = self.index.search_knn(query_vectors=out.cpu().numpy(), top_docs=int(k))
        db_ids, scores = result[0]
        return [(self.passages[i], float(s)) for i, s in zip(db_ids, scores)]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--query", "-q", required=True)
    parser.add_argument("--k", "-k", type=int, default=5)
    parser.add_argument("--model", default="checkpoint/kordpr_best.pt")
    parser.add_argument("--index", default="2050iter_flat")
    parser.add_argument("--passages", default="processed_passages.txt")
    args = parser.parse_args()
    with open(args.passages, encoding="utf-8") as f:
        passages = [line.rstrip("\n") for line in f]
    retriever = KorDPRRetriever(args.model, args.index, passages)
    for text, score in retriever.retrieve(args.query, args.k):
        print(f"{score:.3f}\t{text[:80]}")
