# source: https://github.com/Lydorn/Polygonization-by-Frame-Field-Learning/issues/42
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: helper, batch-dict
# looks-like: integer-input
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def load_tile(device):
    """A tile as the inference script builds it: uint8 pixels, float64 stats."""
    return {
        "image": torch.randint(0, 256, (1, 3, 128, 128), dtype=torch.uint8, device=device),
        "image_mean": torch.tensor([[0.3452, 0.3205, 0.2841]], dtype=torch.float64, device=device),
        "image_std": torch.tensor([[0.1883, 0.1543, 0.1420]], dtype=torch.float64, device=device),
    }


def batch_to_float(batch):
    image = batch["image"].float() / 255
    mean = batch["image_mean"].float()[:, :, None, None]
    std = batch["image_std"].float()[:, :, None, None]
    batch["image"] = (image - mean) / std
    return batch


class FrameFieldModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 16, 3, padding=1))
        self.seg = nn.Conv2d(16, 2, 1)
        self.crossfield = nn.Conv2d(16, 4, 1)

    def forward(self, batch):
        feat = self.backbone(batch["image"])
        return {"seg": self.seg(feat).sigmoid(), "crossfield": self.crossfield(feat)}


def inference(model, batch):
    batch = batch_to_float(batch)
    with torch.no_grad():
        return model(batch)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = FrameFieldModel().to(device).eval()
    out = inference(model, load_tile(device))
    print({k: tuple(v.shape) for k, v in out.items()})
