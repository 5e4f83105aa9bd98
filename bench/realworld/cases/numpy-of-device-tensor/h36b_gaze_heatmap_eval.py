# source: https://github.com/ejcgt/attention-target-detection/issues/6
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# bug-lines: 46, 66
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from PIL import Image
from torch.utils.data import DataLoader, Dataset

HEATMAP_SIZE = 64
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class GazeFollowEval(Dataset):
    def __init__(self, samples):
        # each sample: (scene [3,224,224], head crop [3,224,224], gaze (x, y) in [0,1], (w, h))
        self.samples = samples

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        scene, head, gaze, size = self.samples[idx]
        return {"scene": scene, "head": head,
                "gaze": torch.tensor(gaze), "size": torch.tensor(size)}


class GazeHeatmapNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.scene_enc = nn.Sequential(nn.Conv2d(3, 32, 7, 4, 3), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())
        self.head_enc = nn.Sequential(nn.Conv2d(3, 32, 7, 4, 3), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1), nn.ReLU())
        self.decoder = nn.Sequential(nn.Conv2d(128, 32, 3, 1, 1), nn.ReLU(), nn.Upsample(size=HEATMAP_SIZE), nn.Conv2d(32, 1, 1))
        self.inout = nn.Linear(128, 1)

    def forward(self, scene, head):
        feat = torch.cat([self.scene_enc(scene), self.head_enc(head)], dim=1)
        return self.decoder(feat), self.inout(feat.mean(dim=(2, 3)))


def to_image_resolution(heatmap, width, height):
    raw = np.asarray(heatmap, dtype=np.float32)
    return np.array(Image.fromarray(raw).resize((width, height), Image.BILINEAR))


def argmax_norm(heatmap):
    y, x = np.unravel_index(np.argmax(heatmap), heatmap.shape)
    return x / heatmap.shape[1], y / heatmap.shape[0]


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    l2 = []
    for batch in loader:
        scene = batch["scene"].to(device)
        head = batch["head"].to(device)
        heatmaps, _ = model(scene, head)
        heatmaps = heatmaps.squeeze(1)
        for b in range(heatmaps.size(0)):
            w, h = (int(v) for v in batch["size"][b].tolist())
            full = to_image_resolution(heatmaps[b], w, h)
            px, py = argmax_norm(full)
            gx, gy = batch["gaze"][b].tolist()
            l2.append(((px - gx) ** 2 + (py - gy) ** 2) ** 0.5)
    return float(np.mean(l2))


if __name__ == "__main__":
    fake = [(torch.rand(3, 224, 224), torch.rand(3, 224, 224), (0.4, 0.6), (640, 480)) for _ in range(8)]
    loader = DataLoader(GazeFollowEval(fake), batch_size=4)
    net = GazeHeatmapNet().to(device)
    print("avg L2:", evaluate(net, loader))
