# source: https://github.com/allenai/allennlp/issues/345
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, top-level
# bug-lines: 42, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import json
import sys

import torch
from torch.utils.data import DataLoader

from model import DecomposableAttention
from trainer import Trainer

LABELS = {"entailment": 0, "neutral": 1, "contradiction": 2}


def read_snli(path, vocab):
    rows = []
    with open(path) as f:
        for line in f:
            ex = json.loads(line)
            if ex["gold_label"] not in LABELS:
                continue
            p = [vocab.setdefault(w, len(vocab)) for w in ex["sentence1"].lower().split()]
            h = [vocab.setdefault(w, len(vocab)) for w in ex["sentence2"].lower().split()]
            rows.append((p, h, LABELS[ex["gold_label"]]))
    return rows


def collate(rows):
    pad = lambda seqs: torch.tensor([s + [0] * (max(map(len, seqs)) - len(s)) for s in seqs])
    return {"premise": pad([r[0] for r in rows]), "hypothesis": pad([r[1] for r in rows]),
            "label": torch.tensor([r[2] for r in rows])}


vocab = {"@@PADDING@@": 0}
train_rows = read_snli(sys.argv[1], vocab)
model = DecomposableAttention(len(vocab))
optimizer = torch.optim.Adagrad(model.parameters(), lr=0.05, initial_accumulator_value=0.1)
if len(sys.argv) > 3:
    state = torch.load(sys.argv[3], map_location="cpu")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
loader = DataLoader(train_rows, batch_size=32, shuffle=True, collate_fn=collate)
trainer = Trainer(model, optimizer, loader, sys.argv[2], cuda_device=0 if torch.cuda.is_available() else -1)
trainer.train()
