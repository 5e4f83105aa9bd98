import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset


# Token ids stored as floats (to share a tensor with float features): the embedding
# takes integer ids only.
class Reviews(Dataset):
    def __init__(self, encoded):
        self.encoded = encoded

    def __len__(self):
        return len(self.encoded)

    def __getitem__(self, i):
        return torch.tensor(self.encoded[i], dtype=torch.float32)  # expect: TL110:16 lines=34,29


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


# A class mask read as a float image, one-hot encoded by a dice loss.
class DiceLoss(nn.Module):
    def forward(self, logits, mask):
        one_hot = torch.zeros_like(logits).scatter_(1, mask.unsqueeze(1), 1.0)
        inter = (logits.softmax(1) * one_hot).sum()
        return 1 - 2 * inter / (logits.numel() + one_hot.sum())


def mask_loss(logits, path):
    criterion = DiceLoss()
    mask = torch.from_numpy(np.asarray(Image.open(path), dtype=np.float32))  # expect: TL110:12 lines=48,40
    return criterion(logits, mask[None])


# The last token of each sequence, picked with lengths made floats for an average.
def last_hidden(hidden, seq_lens):
    last = torch.tensor(seq_lens).float() - 1  # expect: TL110:12 lines=55
    mean_length = last.mean()
    return hidden.gather(1, last[:, None, None].expand(-1, 1, hidden.size(-1))), mean_length


def encode_labels(labels, n_classes):
    targets = torch.as_tensor(labels, dtype=torch.float32)  # expect: TL110:15 lines=60
    return F.one_hot(targets, n_classes)
