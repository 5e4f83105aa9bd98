# source: https://github.com/AnswerDotAI/RAGatouille/issues/81
# error: ValueError: DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids [0], output_device 0, and module parameters {device(type='cpu')}.
# pattern: parallel-wrap-before-placement
# shape: multi-file, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run

"""(query, positive, negatives) triples for ColBERT fine-tuning."""
import torch
from torch.utils.data import Dataset


def hash_tokenize(text, max_len):
    ids = [hash(w) % 30521 + 1 for w in text.lower().split()][:max_len]
    return ids + [0] * (max_len - len(ids))


class TriplesDataset(Dataset):
    def __init__(self, pairs, corpus, n_negatives=3, query_len=32, doc_len=180):
        self.pairs, self.corpus = pairs, corpus
        self.n_negatives, self.query_len, self.doc_len = n_negatives, query_len, doc_len

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, i):
        query, positive = self.pairs[i]
        negatives = [self.corpus[(i * 7 + j + 1) % len(self.corpus)] for j in range(self.n_negatives)]
        docs = [positive] + negatives
        return {
            "query_ids": torch.tensor(hash_tokenize(query, self.query_len)),
            "doc_ids": torch.tensor([hash_tokenize(d, self.doc_len) for d in docs]),
        }


def collate(items):
    return {
        "query_ids": torch.stack([it["query_ids"] for it in items]),
        "doc_ids": torch.cat([it["doc_ids"] for it in items]),
    }
