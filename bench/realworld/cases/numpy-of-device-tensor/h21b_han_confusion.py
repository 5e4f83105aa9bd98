# source: https://github.com/ArdalanM/nlp-benchmarks/pull/9
# error: TypeError: can't convert CUDA tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 58, 60
# needs: torch, numpy, sklearn
# cpu: no written where torch was not installed; not run
"""Hierarchical attention classifier: train/eval loop with running confusion-matrix metrics."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn import metrics
from torch.utils.data import DataLoader, TensorDataset


class HAN(nn.Module):
    def __init__(self, vocab=5000, emb=100, hid=50, nclasses=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb, padding_idx=0)
        self.word_rnn = nn.GRU(emb, hid, batch_first=True, bidirectional=True)
        self.word_att = nn.Linear(2 * hid, 1)
        self.sent_rnn = nn.GRU(2 * hid, hid, batch_first=True, bidirectional=True)
        self.sent_att = nn.Linear(2 * hid, 1)
        self.out = nn.Linear(2 * hid, nclasses)

    def forward(self, docs):                      # docs: (B, S, W)
        b, s, w = docs.shape
        h, _ = self.word_rnn(self.embed(docs.view(b * s, w)))
        sents = (F.softmax(self.word_att(h), dim=1) * h).sum(1).view(b, s, -1)
        h, _ = self.sent_rnn(sents)
        return self.out((F.softmax(self.sent_att(h), dim=1) * h).sum(1))


def get_metrics(cm):
    return {"accuracy": np.trace(cm) / max(cm.sum(), 1)}


def run_epoch(epoch, net, loader, device, nclasses, optimizer=None, criterion=None):
    optimize = optimizer is not None
    net.train(optimize)
    cm = np.zeros((nclasses, nclasses), dtype=int)
    epoch_loss = 0.0
    for iteration, (docs, r_t) in enumerate(loader):
        docs, labels = docs.to(device), r_t.to(device)
        with torch.set_grad_enabled(optimize):
            out = net(docs)
            loss = criterion(out, labels)
        if optimize:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        epoch_loss += loss.item()
        ty_prob = F.softmax(out, 1)

        # metrics
        y_true = r_t.detach().cpu().numpy()
        y_pred = ty_prob.max(1)[1]

        cm += metrics.confusion_matrix(y_true, y_pred, labels=range(nclasses))
    dic_metrics = get_metrics(cm)
    dic_metrics["logloss"] = epoch_loss / (iteration + 1)
    print("epoch", epoch, "train" if optimize else "val", dic_metrics)
    return dic_metrics


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    docs = torch.randint(1, 5000, (256, 6, 20))
    labels = torch.randint(0, 2, (256,))
    train_loader = DataLoader(TensorDataset(docs[:200], labels[:200]), batch_size=32, shuffle=True)
    val_loader = DataLoader(TensorDataset(docs[200:], labels[200:]), batch_size=32)
    net = HAN().to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(1, 4):
        run_epoch(epoch, net, train_loader, device, 2, optimizer, criterion)
        run_epoch(epoch, net, val_loader, device, 2, criterion=criterion)
