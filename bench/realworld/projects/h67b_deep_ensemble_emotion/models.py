# source: https://github.com/PiotrSobczak/speech-emotion-recognition/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Acoustic and linguistic emotion classifiers plus the late-fusion ensemble head."""
import torch
import torch.nn as nn


class AcousticCNN(nn.Module):
    def __init__(self, n_classes=4, channels=32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(channels, channels, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4),
        )
        self.dropout = nn.Dropout(0.3)
        self.out = nn.Linear(channels * 16, n_classes)

    def forward(self, spec):
        return self.out(self.dropout(self.features(spec).flatten(1)))


class LinguisticLSTM(nn.Module):
    def __init__(self, vocab_size, n_classes=4, emb=128, hidden=128):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb, padding_idx=0)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_classes)

    def forward(self, tokens):
        h, _ = self.lstm(self.embed(tokens))
        return self.out(h.mean(dim=1))


class EnsembleHead(nn.Module):
    """Learns how to weigh the two members' class probabilities."""

    def __init__(self, n_members=2, n_classes=4):
        super().__init__()
        self.fc = nn.Linear(n_members * n_classes, n_classes)

    def forward(self, member_logits):
        probs = [torch.softmax(l, dim=-1) for l in member_logits]
        return self.fc(torch.cat(probs, dim=-1))
