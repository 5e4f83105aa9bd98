# source: https://github.com/Tianxiaomo/pytorch-YOLOv4/issues/333
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, loader-loop
# bug-lines: 58, 59
# cpu: raises "expected scalar type Byte but found Float"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ValDataset(Dataset):
    def __init__(self, n=6, h=96, w=128):
        rng = np.random.default_rng(1)
        self.images = [rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8) for _ in range(n)]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        target = {"image_id": i, "boxes": np.zeros((0, 4), dtype=np.float32)}
        return self.images[i], target


def val_collate(batch):
    return tuple(zip(*batch))


def conv_bn(cin, cout, stride):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.Mish())


class TinyYolo(nn.Module):
    def __init__(self, n_classes=80):
        super().__init__()
        self.backbone = nn.Sequential(conv_bn(3, 16, 2), conv_bn(16, 32, 2), conv_bn(32, 64, 2))
        self.head = nn.Conv2d(64, 3 * (5 + n_classes), 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def letterbox_resize(img, width, height):
    ys = np.linspace(0, img.shape[0] - 1, height).astype(int)
    xs = np.linspace(0, img.shape[1] - 1, width).astype(int)
    return img[ys][:, xs]


@torch.no_grad()
def evaluate(model, data_loader, cfg, device):
    model.eval()
    results = []
    for images, targets in data_loader:
        model_input = [letterbox_resize(img, cfg["w"], cfg["h"])[None] for img in images]
        model_input = np.concatenate(model_input, axis=0).transpose(0, 3, 1, 2)
        model_input = torch.from_numpy(model_input).to(device)
        outputs = model(model_input)
        for t, out in zip(targets, outputs):
            results.append((t["image_id"], out.sigmoid().amax().item()))
    return results


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    eval_model = TinyYolo().to(device)
    val_loader = DataLoader(ValDataset(), batch_size=2, collate_fn=val_collate)
    print(evaluate(eval_model, val_loader, {"w": 64, "h": 64}, device))
