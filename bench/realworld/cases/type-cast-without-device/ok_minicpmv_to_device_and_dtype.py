# source: https://github.com/OpenBMB/MiniCPM-V/issues/318
# error: none (correct: the vision input follows the vision tower's device and dtype)
# shape: class, loader-loop, batch-dict
# looks-like: type-cast-without-device
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader


class VisionTower(nn.Module):
    def __init__(self, patch=4, dim=16):
        super().__init__()
        self.patch_embed = nn.Conv2d(3, dim, patch, stride=patch)
        self.pos_embed = nn.Parameter(torch.zeros(1, 16, dim))

    def forward_features(self, x):
        x = self.patch_embed(x).flatten(2).transpose(1, 2)
        return x + self.pos_embed[:, : x.shape[1]]


class TinyVLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.vpm = VisionTower()
        self.resampler = nn.Linear(16, 32)

    def get_vision_embedding(self, pixel_values):
        ref = self.vpm.pos_embed
        res = []
        for pixel_value in pixel_values:
            x = pixel_value.unsqueeze(0).to(device=ref.device, dtype=ref.dtype)
            res.append(self.resampler(self.vpm.forward_features(x)).mean(1))
        return torch.cat(res)

    def forward(self, batch):
        emb = self.get_vision_embedding(batch["pixel_values"])
        return ((emb.float() - batch["target"]) ** 2).mean()


def collate(items):
    return {"pixel_values": [it["pixel_values"] for it in items],
            "target": torch.stack([it["target"] for it in items])}


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    dtype = torch.float16 if device == "cuda" else torch.float32
    model = TinyVLM().to(device=device, dtype=dtype)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    data = [{"pixel_values": torch.rand(3, 16, 16), "target": torch.rand(32)} for _ in range(8)]
    for batch in DataLoader(data, batch_size=2, collate_fn=collate):
        batch["target"] = batch["target"].to(device)
        loss = model(batch)
        loss.backward()
        opt.step()
        opt.zero_grad()
    print("ok")


if __name__ == "__main__":
    main()
