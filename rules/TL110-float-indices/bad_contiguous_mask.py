# The mask is cast to float32 where it is read, made contiguous after a crop and then
# a tensor: the loss one-hot encodes it, which takes integer class ids only.
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class LesionPatches(Dataset):
    def __init__(self, volumes, masks):
        self.volumes, self.masks = volumes, masks

    def __len__(self):
        return len(self.volumes)

    def __getitem__(self, i):
        volume = self.volumes[i].astype(np.float32)
        mask = (self.masks[i] > 0).astype(np.float32)  # expect: TL110:16 lines=33,25
        volume, mask = volume[:, 8:-8, 8:-8], mask[8:-8, 8:-8]
        return torch.from_numpy(np.ascontiguousarray(volume)), torch.from_numpy(np.ascontiguousarray(mask))


def dice_loss(logits, target, n_classes=2):
    probs = logits.softmax(dim=1)
    onehot = F.one_hot(target, n_classes).permute(0, 3, 1, 2).float()
    inter = (probs * onehot).sum(dim=(2, 3))
    return 1 - (2 * inter / (probs.sum(dim=(2, 3)) + onehot.sum(dim=(2, 3)) + 1e-6)).mean()


def train(model, volumes, masks, optimizer):
    for images, targets in DataLoader(LesionPatches(volumes, masks), batch_size=4):
        logits = model(images)
        loss = dice_loss(logits, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
