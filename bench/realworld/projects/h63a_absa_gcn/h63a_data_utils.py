# source: https://github.com/Xillv/Code-for-AEGCN-Glove/issues/3
# error: RuntimeError: expected scalar type Double but found Float
# pattern: input-dtype-mismatch
# shape: multi-file, batch-dict, loader-loop
# bug-lines: 58
# needs: numpy, torch
# cpu: no written where torch was not installed; not run
"""SemEval aspect-sentiment data: token ids + dependency adjacency per sentence."""
import pickle

import numpy as np
from torch.utils.data import Dataset


class Tokenizer:
    def __init__(self, max_seq_len, lower=True):
        self.max_seq_len = max_seq_len
        self.lower = lower
        self.word2idx = {"<pad>": 0, "<unk>": 1}

    def fit_on_text(self, text):
        for word in (text.lower() if self.lower else text).split():
            self.word2idx.setdefault(word, len(self.word2idx))

    def text_to_sequence(self, text):
        words = (text.lower() if self.lower else text).split()
        ids = [self.word2idx.get(w, 1) for w in words][: self.max_seq_len]
        seq = np.zeros(self.max_seq_len, dtype=np.int64)
        seq[: len(ids)] = ids
        return seq


def build_embedding_matrix(word2idx, embed_dim=300, glove_path=None):
    matrix = np.random.uniform(-0.25, 0.25, (len(word2idx), embed_dim))
    matrix[0] = 0.0
    if glove_path:
        with open(glove_path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip().split(" ")
                if parts[0] in word2idx:
                    matrix[word2idx[parts[0]]] = np.asarray(parts[1:], dtype=np.float32)
    return matrix


class ABSADataset(Dataset):
    def __init__(self, fname, tokenizer):
        with open(fname, encoding="utf-8") as f:
            lines = f.readlines()
        with open(fname + ".graph", "rb") as f:
            idx2graph = pickle.load(f)
        seq_len = tokenizer.max_seq_len
        self.data = []
        for i in range(0, len(lines), 3):
            left, _, right = [s.lower().strip() for s in lines[i].partition("$T$")]
            aspect = lines[i + 1].lower().strip()
            polarity = int(lines[i + 2].strip()) + 1
            graph = idx2graph[i]
            dependency_graph = np.zeros((seq_len, seq_len))
            n = min(graph.shape[0], seq_len)
            dependency_graph[:n, :n] = graph[:n, :n]
            self.data.append({
                "text_indices": tokenizer.text_to_sequence(f"{left} {aspect} {right}"),
                "aspect_indices": tokenizer.text_to_sequence(aspect),
                "left_indices": tokenizer.text_to_sequence(left),
                "dependency_graph": dependency_graph,
                "polarity": polarity,
            })

    def __getitem__(self, index):
        return self.data[index]

    def __len__(self):
        return len(self.data)
