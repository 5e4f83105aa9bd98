# source: https://github.com/OpenBMB/MiniCPM-V/issues/318
# error: RuntimeError: Input type (torch.cuda.HalfTensor) and weight type (torch.HalfTensor) should be the same
# pattern: type-cast-without-device
# shape: class, loader-loop, batch-dict
# bug-lines: 37, 65
# cpu: clean
# needs: torch
import math

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
        dtype = self.vpm.pos_embed.data.dtype
        res = []
        for pixel_value in pixel_values:
            H, W = pixel_value.shape[-2:]
            feats = self.vpm.forward_features(pixel_value.unsqueeze(0).type(dtype))
            tgt = (math.ceil(H / 4), math.ceil(W / 4))
            res.append(self.resampler(feats).mean(1) * tgt[0])
        return torch.cat(res)

    def forward(self, batch):
        emb = self.get_vision_embedding(batch["pixel_values"])
        return ((emb.float() - batch["target"]) ** 2).mean()


def collate(items):
    return {
        "pixel_values": [it["pixel_values"] for it in items],
        "target": torch.stack([it["target"] for it in items]),
    }


def to_device(batch, device):
    return {
        "pixel_values": [p.to(device) for p in batch["pixel_values"]],
        "target": batch["target"].to(device),
    }


def main():
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = TinyVLM()
    # fp16 fine-tune, placement left to the trainer (which never does it)
    model = model.half()
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    data = [{"pixel_values": torch.rand(3, 16, 16), "target": torch.rand(32)} for _ in range(8)]
    loader = DataLoader(data, batch_size=2, collate_fn=collate)
    for step, batch in enumerate(loader):
        batch = to_device(batch, device)
        loss = model(batch)
        loss.backward()
        opt.step()
        opt.zero_grad()
    print("done", step)


if __name__ == "__main__":
    main()
