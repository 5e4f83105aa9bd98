# source: https://github.com/deeplearningzerotoall/PyTorch/pull/36
# error: RuntimeError: legacy constructor expects device type: cpu but device type: cuda was passed
# pattern: legacy-tensor-constructor
# shape: helper, loader-loop
# bug-lines: 37, 38
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run

import json

import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import classification_report, confusion_matrix

PAD, UNK = 0, 1


class IntentGRU(nn.Module):
    def __init__(self, vocab_size, n_intents, dim=128):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=PAD)
        self.gru = nn.GRU(dim, dim, batch_first=True, bidirectional=True)
        self.cls = nn.Linear(2 * dim, n_intents)

    def forward(self, ids, mask):
        h, _ = self.gru(self.emb(ids))
        h = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        return self.cls(h)


def encode_batch(texts, vocab, device, max_len=32):
    rows = [[vocab.get(tok, UNK) for tok in t.lower().split()][:max_len] for t in texts]
    width = max(len(r) for r in rows)
    padded = [r + [PAD] * (width - len(r)) for r in rows]
    mask = [[1.0] * len(r) + [0.0] * (width - len(r)) for r in rows]
    ids = torch.LongTensor(padded, device=device)
    mask = torch.FloatTensor(mask, device=device)
    return ids, mask


@torch.no_grad()
def evaluate(model, examples, vocab, labels, device, batch_size=64):
    model.eval()
    y_true, y_pred = [], []
    for start in range(0, len(examples), batch_size):
        chunk = examples[start:start + batch_size]
        ids, mask = encode_batch([ex["text"] for ex in chunk], vocab, device)
        logits = model(ids, mask)
        y_pred.extend(logits.argmax(-1).cpu().tolist())
        y_true.extend(labels.index(ex["intent"]) for ex in chunk)
    print(classification_report(y_true, y_pred, target_names=labels, digits=3))
    print(confusion_matrix(y_true, y_pred))
    return float(np.mean(np.array(y_true) == np.array(y_pred)))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ckpt = torch.load("checkpoints/intent_gru.pt", map_location=device)
    vocab, labels = ckpt["vocab"], ckpt["labels"]
    model = IntentGRU(len(vocab), len(labels)).to(device)
    model.load_state_dict(ckpt["model"])
    with open("data/intent_test.jsonl") as fh:
        test = [json.loads(line) for line in fh]
    print("accuracy:", evaluate(model, test, vocab, labels, device))
