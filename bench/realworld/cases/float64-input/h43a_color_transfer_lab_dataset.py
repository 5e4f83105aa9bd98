# source: https://github.com/codeslake/Color_Transfer_Histogram_Analogy/issues/6
# error: RuntimeError: expected backend CPU and dtype Double but got backend CPU and dtype Float
# pattern: float64-input
# shape: helper, batch-dict, loader-loop, class
# bug-lines: 24, 63
# needs: torch, numpy, scikit-image, pillow
# cpu: no written where torch was not installed; not run
"""Reference-based color transfer: test script over (input, target) pairs in Lab space."""
import os

import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from skimage import color
from torch.utils.data import DataLoader, Dataset


def to_lab_tensor(img, size=256):
    img = img.resize((size, size), Image.BICUBIC)
    lab = color.rgb2lab(np.asarray(img))
    lab[..., 0] = lab[..., 0] / 50.0 - 1.0
    lab[..., 1:] = lab[..., 1:] / 110.0
    return torch.from_numpy(lab.transpose(2, 0, 1).copy())


class PairedColorDataset(Dataset):
    def __init__(self, root):
        self.dir_a = os.path.join(root, "input")
        self.dir_b = os.path.join(root, "target")
        self.names = sorted(os.listdir(self.dir_a))

    def __len__(self):
        return len(self.names)

    def __getitem__(self, idx):
        name = self.names[idx]
        a = Image.open(os.path.join(self.dir_a, name)).convert("RGB")
        b = Image.open(os.path.join(self.dir_b, name)).convert("RGB")
        return {"A": to_lab_tensor(a), "B": to_lab_tensor(b), "A_path": name}


class HistogramTransferNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(6, ch, 3, padding=1), nn.ReLU(inplace=True))
        self.out = nn.Conv2d(ch, 2, 3, padding=1)

    def forward(self, src_lab, ref_lab):
        ab = self.out(self.enc(torch.cat([src_lab, ref_lab], dim=1)))
        return torch.cat([src_lab[:, :1], torch.tanh(ab)], dim=1)


def run_test(root, ckpt, out_dir="results"):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = HistogramTransferNet().to(device).eval()
    net.load_state_dict(torch.load(ckpt, map_location=device))
    loader = DataLoader(PairedColorDataset(root), batch_size=1, shuffle=False)
    os.makedirs(out_dir, exist_ok=True)
    with torch.no_grad():
        for data in loader:
            src, ref = data["A"].to(device), data["B"].to(device)
            pred = net(src, ref)
            lab = pred[0].cpu().numpy().transpose(1, 2, 0)
            lab[..., 0] = (lab[..., 0] + 1.0) * 50.0
            lab[..., 1:] = lab[..., 1:] * 110.0
            rgb = (color.lab2rgb(lab) * 255).clip(0, 255).astype(np.uint8)
            Image.fromarray(rgb).save(os.path.join(out_dir, data["A_path"][0]))


if __name__ == "__main__":
    run_test("test", "checkpoints/color_transfer.pth")
