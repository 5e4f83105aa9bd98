# source: https://github.com/Deci-AI/super-gradients/issues/1969
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: class, loader-loop
# bug-lines: 29, 43
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
import glob
import os

import cv2
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class FolderImages(Dataset):
    def __init__(self, root, size=224):
        self.paths = sorted(glob.glob(os.path.join(root, "*.jpg")))
        self.size = size

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        img = cv2.imread(self.paths[i])
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
        img = cv2.resize(img, (self.size, self.size), interpolation=cv2.INTER_AREA)
        tensor = torch.from_numpy(img).permute(2, 0, 1).contiguous()
        return tensor, os.path.basename(self.paths[i])


@torch.no_grad()
def dump_features(root, out_file, batch_size=32):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    backbone = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
    backbone.to(device).eval()

    loader = DataLoader(FolderImages(root), batch_size=batch_size, num_workers=4)
    names, feats = [], []
    for images, batch_names in loader:
        images = images.to(device, non_blocking=True)
        cls_tokens = backbone(images)
        feats.append(torch.nn.functional.normalize(cls_tokens, dim=-1).cpu().numpy())
        names.extend(batch_names)
    np.savez(out_file, names=np.array(names), feats=np.concatenate(feats))


if __name__ == "__main__":
    dump_features("data/product_photos", "dinov2_feats.npz")
