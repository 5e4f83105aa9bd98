# source: https://github.com/kefirski/pytorch_Highway/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch, numpy, PIL
# cpu: no written where torch was not installed; not run
import glob
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch.utils.data import DataLoader, Dataset

from h54a_detector import MultiScaleDefectNet


class MaskedDefects(Dataset):
    """Images under <root>/images, binary defect masks under <root>/masks."""

    def __init__(self, root, size=256):
        self.images = sorted(glob.glob(os.path.join(root, "images", "*.png")))
        self.root, self.size = root, size

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        name = os.path.basename(self.images[idx])
        img = Image.open(self.images[idx]).convert("RGB").resize((self.size, self.size))
        mask = Image.open(os.path.join(self.root, "masks", name)).convert("L").resize((self.size, self.size))
        img = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
        mask = torch.from_numpy((np.asarray(mask) > 127).astype(np.float32))[None]
        return {"image": img, "mask": mask}


def train(root="data/mvtec_like/train", epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = MultiScaleDefectNet().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loader = DataLoader(MaskedDefects(root), batch_size=8, shuffle=True, num_workers=4)
    pos_weight = torch.tensor([5.0], device=device)
    for epoch in range(epochs):
        for batch in loader:
            image = batch["image"].to(device)
            mask = batch["mask"].to(device)
            loss = F.binary_cross_entropy_with_logits(model(image), mask, pos_weight=pos_weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    train()
