# source: https://github.com/kekmodel/FixMatch-pytorch/issues/52
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: helper, loader-loop, batch-dict
# looks-like: loss-target-dtype
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""FixMatch-style step: labeled targets come from an int32 .npy file and are cast before the loss."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class LabeledSet(Dataset):
    def __init__(self, images_path, labels_path):
        self.images = np.load(images_path, mmap_mode="r")            # (N, 3, 32, 32) float32
        self.labels = np.load(labels_path).astype(np.int32)            # compact on disk

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return {"image": torch.from_numpy(np.array(self.images[i])), "target": self.labels[i]}


class UnlabeledSet(Dataset):
    def __init__(self, images_path):
        self.images = np.load(images_path, mmap_mode="r")

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        x = torch.from_numpy(np.array(self.images[i]))
        weak = x + 0.01 * torch.randn_like(x)
        strong = torch.flip(x, dims=[2]) + 0.1 * torch.randn_like(x)
        return {"weak": weak, "strong": strong}


def prepare_labeled(batch, device):
    images = batch["image"].to(device, non_blocking=True)
    targets = batch["target"].to(device=device, dtype=torch.long)
    return images, targets


def fixmatch_step(model, lab_batch, unlab_batch, device, threshold=0.95, lambda_u=1.0):
    x_l, y_l = prepare_labeled(lab_batch, device)
    x_w = unlab_batch["weak"].to(device)
    x_s = unlab_batch["strong"].to(device)
    logits = model(torch.cat([x_l, x_w, x_s]))
    logits_l = logits[: len(x_l)]
    logits_w, logits_s = logits[len(x_l):].chunk(2)
    loss_x = F.cross_entropy(logits_l, y_l)
    probs = torch.softmax(logits_w.detach(), dim=-1)
    max_probs, pseudo = probs.max(dim=-1)
    mask = max_probs.ge(threshold).float()
    loss_u = (F.cross_entropy(logits_s, pseudo, reduction="none") * mask).mean()
    return loss_x + lambda_u * loss_u


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                          nn.Flatten(), nn.Linear(32, 10)).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9, nesterov=True)
    lab = DataLoader(LabeledSet("cifar_lab_x.npy", "cifar_lab_y.npy"), batch_size=64, shuffle=True)
    unlab = DataLoader(UnlabeledSet("cifar_unlab_x.npy"), batch_size=448, shuffle=True)
    for step, (lb, ub) in enumerate(zip(lab, unlab)):
        loss = fixmatch_step(model, lb, ub, device)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"step {step}: loss={loss.item():.4f}")
