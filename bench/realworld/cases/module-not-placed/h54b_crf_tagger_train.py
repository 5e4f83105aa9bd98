# source: https://github.com/rikeda71/TorchCRF/issues/15
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 50, 63, 69
# needs: torch, pytorch-crf
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader
from torchcrf import CRF

PAD = 0


def read_conll(path):
    sents, words, tags = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            words.append(cols[0])
            tags.append(cols[-1])
    return sents


def collate(batch):
    words = pad_sequence([b[0] for b in batch], batch_first=True, padding_value=PAD)
    tags = pad_sequence([b[1] for b in batch], batch_first=True, padding_value=0)
    return words, tags, words != PAD


class BiLstmEncoder(nn.Module):
    def __init__(self, vocab_size, num_tags, emb_dim=100, hidden=200):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=PAD)
        self.lstm = nn.LSTM(emb_dim, hidden // 2, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(hidden, num_tags)

    def forward(self, words):
        return self.proj(self.lstm(self.emb(words))[0])


def crf_nll(crf, emissions, tags, mask):
    return -crf(emissions, tags, mask=mask, reduction="mean")


def train(train_path, epochs=10, device="cuda"):
    sents = read_conll(train_path)
    word2id = {"<pad>": PAD, "<unk>": 1}
    for ws, _ in sents:
        for w in ws:
            word2id.setdefault(w, len(word2id))
    tag2id = {t: i for i, t in enumerate(sorted({t for _, ts in sents for t in ts}))}
    data = [(torch.tensor([word2id[w] for w in ws]), torch.tensor([tag2id[t] for t in ts])) for ws, ts in sents]
    loader = DataLoader(data, batch_size=32, shuffle=True, collate_fn=collate)
    encoder = BiLstmEncoder(len(word2id), len(tag2id)).to(device)
    crf = CRF(len(tag2id), batch_first=True)
    optimizer = torch.optim.Adam(list(encoder.parameters()) + list(crf.parameters()), lr=1e-3)
    for epoch in range(epochs):
        total = 0.0
        for words, tags, mask in loader:
            words, tags, mask = words.to(device), tags.to(device), mask.to(device)
            loss = crf_nll(crf, encoder(words), tags, mask)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: nll {total / len(loader):.4f}")
    return encoder, crf


if __name__ == "__main__":
    train("data/wikiann_de/train.conll")
