# source: https://github.com/Chenrj233/LMEDR/issues/8
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target' in call to _thnn_nll_loss_forward
# pattern: loss-target-dtype
# shape: helper, batch-dict, loader-loop
# bug-lines: 19, 72
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Evaluation of a persona-grounded response generator (LM loss + next-utterance head)."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

PAD_LABEL = -100
MAX_LEN = 40


def pad_labels(seqs, max_len):
    out = np.full((len(seqs), max_len), PAD_LABEL, dtype=np.int32)
    for i, seq in enumerate(seqs):
        out[i, : len(seq)] = seq
    return out


class PersonaDialogs(Dataset):
    def __init__(self, n=64, vocab=5000):
        rng = np.random.default_rng(0)
        self.samples = [(rng.integers(0, vocab, MAX_LEN), rng.integers(0, vocab, rng.integers(5, 30)),
                         int(rng.integers(0, 2))) for _ in range(n)]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return self.samples[idx]


def collate(batch):
    input_ids = torch.tensor(np.stack([b[0] for b in batch]), dtype=torch.long)
    lm_labels = torch.from_numpy(pad_labels([b[1] for b in batch], MAX_LEN))
    cls_label = torch.tensor([b[2] for b in batch], dtype=torch.long)
    return input_ids, lm_labels, cls_label


class DialogModel(nn.Module):
    def __init__(self, vocab=5000, hidden=256):
        super().__init__()
        self.emb = nn.Embedding(vocab, hidden)
        self.rnn = nn.GRU(hidden, hidden, batch_first=True)
        self.lm_head = nn.Linear(hidden, vocab)
        self.cls_head = nn.Linear(hidden, 2)

    def forward(self, input_ids):
        hidden, _ = self.rnn(self.emb(input_ids))
        return self.lm_head(hidden), self.cls_head(hidden[:, -1])


def inference_step(model, batch, device):
    input_ids, lm_labels, cls_label = (t.to(device) for t in batch)
    with torch.no_grad():
        lm_logits, cls_logits = model(input_ids)
    return (lm_logits, cls_logits), (lm_labels, cls_label)


def evaluate(model, loader, device):
    lm_criterion = nn.CrossEntropyLoss(ignore_index=PAD_LABEL)
    cls_criterion = nn.CrossEntropyLoss()
    model.eval()
    total = 0.0
    for batch in loader:
        (lm_logits, cls_logits), (lm_labels, cls_label) = inference_step(model, batch, device)
        nll = lm_criterion(lm_logits.reshape(-1, lm_logits.size(-1)), lm_labels.reshape(-1))
        total += nll.item() + cls_criterion(cls_logits, cls_label).item()
    return total / len(loader)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(PersonaDialogs(), batch_size=8, collate_fn=collate)
    print(evaluate(DialogModel().to(dev), loader, dev))
