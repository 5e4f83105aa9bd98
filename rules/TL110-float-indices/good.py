import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset


# Token ids kept as int64: what the embedding takes.
class Reviews(Dataset):
    def __init__(self, encoded):
        self.encoded = encoded

    def __len__(self):
        return len(self.encoded)

    def __getitem__(self, i):
        return torch.tensor(self.encoded[i], dtype=torch.long)


class Classifier(nn.Module):
    def __init__(self, vocab, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.head(self.embed(ids).mean(1))


def score(encoded, vocab):
    model = Classifier(vocab)
    return [model(batch) for batch in DataLoader(Reviews(encoded), batch_size=16)]


# The mask read as float pixels for an augmentation, made integers again for the index.
class DiceLoss(nn.Module):
    def forward(self, logits, mask):
        one_hot = torch.zeros_like(logits).scatter_(1, mask.long().unsqueeze(1), 1.0)
        inter = (logits.softmax(1) * one_hot).sum()
        return 1 - 2 * inter / (logits.numel() + one_hot.sum())


def mask_loss(logits, path):
    criterion = DiceLoss()
    mask = torch.from_numpy(np.asarray(Image.open(path), dtype=np.float32))
    return criterion(logits, mask[None])


# Codes a quantizer computes are module outputs (its forward returns indices).
class Quantizer(nn.Module):
    def __init__(self, n, dim):
        super().__init__()
        self.codebook = nn.Parameter(torch.randn(n, dim))

    def forward(self, z):
        return torch.cdist(z, self.codebook).argmin(-1)


def reconstruct(z):
    quantizer, table = Quantizer(16, 8), nn.Embedding(16, 8)
    return table(quantizer(z))


# Float lengths for the average only; the index stays int64.
def last_hidden(hidden, seq_lens):
    last = torch.tensor(seq_lens) - 1
    mean_length = last.float().mean()
    return hidden.gather(1, last[:, None, None].expand(-1, 1, hidden.size(-1))), mean_length


def encode_labels(labels, n_classes):
    targets = torch.as_tensor(labels, dtype=torch.float32)
    return F.one_hot(targets.round().long(), n_classes), F.one_hot(torch.randint(0, n_classes, (4,)))
