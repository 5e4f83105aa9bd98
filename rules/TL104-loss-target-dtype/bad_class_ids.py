import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset


class SegmentationSet(Dataset):
    """Masks are PNGs whose pixel values are class ids 0..n_classes-1."""

    def __init__(self, pairs):
        self.pairs = pairs

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, i):
        image_path, mask_path = self.pairs[i]
        image = np.asarray(Image.open(image_path).convert("RGB"), dtype=np.uint8)
        mask = np.random.randint(0, 4, size=image.shape[:2]).astype(np.uint8)  # stands in for the PNG
        # float masks look harmless, but cross_entropy reads a float target as
        # class probabilities (one channel per class), and these have none
        return torch.from_numpy(image.transpose(2, 0, 1) / 255.0).float(), torch.from_numpy(
            mask.astype("float32")  # expect: TL104:13 lines=34
        )


def train_epoch(model, pairs, optimizer, device):
    criterion = nn.CrossEntropyLoss()
    for images, masks in DataLoader(SegmentationSet(pairs), batch_size=4):
        images, masks = images.to(device), masks.to(device)
        logits = model(images)  # (N, 4, H, W)
        loss = criterion(logits, masks)
        loss.backward()
        optimizer.step()


def token_loss(logits, n_bins):
    # quantised pixels as class ids, made float by the cast
    targets = torch.randint(0, n_bins, (logits.shape[0],)).float()  # expect: TL104:15 lines=43
    smoothing = 0.1
    return F.cross_entropy(logits, targets, label_smoothing=smoothing)


def word_loss(log_probs, words, vocab):
    # nll_loss takes class indices only: a float target never works
    targets = torch.tensor([vocab[word] for word in words]).float()
    return F.nll_loss(log_probs, targets)  # expect: TL104:34 lines=48


# A class index written as a float tensor, one per item: the default collate stacks
# them into a float vector (N,), not probabilities with the logits' shape (N, C).
SPECIES = ["cat", "dog", "fox"]


class FolderSet(Dataset):
    def __init__(self, items):
        self.paths, self.targets = [], []
        for path, species in items:
            self.paths.append(path)
            self.targets.append(torch.tensor(SPECIES.index(species), dtype=torch.float32))  # expect: TL104:33 lines=74

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return torch.rand(3, 32, 32), self.targets[i]


def fit_species(model, items, optimizer):
    loss_fn = nn.CrossEntropyLoss()
    for images, targets in DataLoader(FolderSet(items), batch_size=8):
        loss = loss_fn(model(images), targets)
        loss.backward()
        optimizer.step()


def one_sample_loss(logits, row):
    label = torch.tensor(int(row["label"]), dtype=torch.float)  # expect: TL104:13 lines=81
    return F.cross_entropy(logits.unsqueeze(0), label.unsqueeze(0))
