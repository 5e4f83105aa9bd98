# source: https://github.com/torchkge-team/torchkge/pull/246
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class, loader-loop
# looks-like: cache-builder-cpu-default
# needs: torch, pandas
# cpu: no written where torch was not installed; not run
"""Knowledge-graph triples (head, relation, tail) read from a TSV file."""
import pandas as pd
import torch
from torch.utils.data import Dataset


class KnowledgeGraph(Dataset):
    def __init__(self, path):
        df = pd.read_csv(path, sep="\t", names=["head", "rel", "tail"])
        entities = pd.Index(sorted(set(df["head"]) | set(df["tail"])))
        relations = pd.Index(sorted(set(df["rel"])))
        self.ent2ix = {e: i for i, e in enumerate(entities)}
        self.rel2ix = {r: i for i, r in enumerate(relations)}
        self.n_ent, self.n_rel = len(entities), len(relations)
        self.head_idx = torch.tensor(df["head"].map(self.ent2ix).values, dtype=torch.long)
        self.relations = torch.tensor(df["rel"].map(self.rel2ix).values, dtype=torch.long)
        self.tail_idx = torch.tensor(df["tail"].map(self.ent2ix).values, dtype=torch.long)

    def __len__(self):
        return self.head_idx.size(0)

    def __getitem__(self, i):
        return self.head_idx[i], self.tail_idx[i], self.relations[i]
