# source: https://github.com/deepinsight/insightface/issues/1437
# error: RuntimeError: "nll_loss_forward_reduce_cuda_kernel_2d_index" not implemented for 'Int'
# pattern: loss-target-dtype
# shape: batch-dict, class, loader-loop
# bug-lines: 30, 48, 63
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
"""ArcFace training on a packed face set (faces.npy + labels.bin written by the packing tool)."""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torchvision.models import resnet50


class PackedFaceDataset(Dataset):
    def __init__(self, root):
        self.images = np.load(f"{root}/faces.npy", mmap_mode="r")  # (N, 112, 112, 3) uint8
        self.labels = np.fromfile(f"{root}/labels.bin", dtype=np.int32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        img = torch.from_numpy(np.array(self.images[idx])).permute(2, 0, 1).float()
        img = img.div(255).sub(0.5).div(0.5)
        if np.random.rand() < 0.5:
            img = img.flip(2)
        return {"img": img, "label": torch.from_numpy(self.labels[idx:idx + 1])}


class ArcFaceFC(nn.Module):
    """Normalized FC layer + additive angular margin + softmax cross entropy."""

    def __init__(self, embedding_size, num_classes, s=64.0, m=0.5):
        super().__init__()
        self.weight = nn.Parameter(torch.normal(0, 0.01, (num_classes, embedding_size)))
        self.s, self.m = s, m

    def forward(self, embeddings, labels):
        logits = F.linear(F.normalize(embeddings), F.normalize(self.weight)).clamp(-1, 1)
        index = torch.where(labels != -1)[0]
        target_logit = logits[index, labels[index]]
        with torch.no_grad():
            theta = torch.acos(target_logit.clamp(-1 + 1e-7, 1 - 1e-7))
            logits[index, labels[index]] = torch.cos(theta + self.m)
        return F.cross_entropy(logits * self.s, labels)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_set = PackedFaceDataset("data/ms1m_packed")
    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=8, drop_last=True)
    backbone = resnet50(num_classes=512).to(device)
    module_fc = ArcFaceFC(512, int(train_set.labels.max()) + 1).to(device)
    optimizer = torch.optim.SGD([{"params": backbone.parameters()}, {"params": module_fc.parameters()}],
                                lr=0.1, momentum=0.9, weight_decay=5e-4)
    global_step = 0
    for epoch in range(20):
        for batch in loader:
            img = batch["img"].to(device, non_blocking=True)
            label = batch["label"].squeeze(-1).to(device, non_blocking=True)
            loss = module_fc(backbone(img), label)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            global_step += 1
            if global_step % 100 == 0:
                print(f"epoch {epoch} step {global_step} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
