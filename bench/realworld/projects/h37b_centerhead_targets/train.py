# source: https://github.com/open-mmlab/mmdetection3d/issues/387
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch import nn
from torch.utils.data import DataLoader

from center_head import CenterHead
from pillars import PillarBackbone, PointCloudScenes, collate_scenes


def move_to_device(batch, device):
    out = {}
    for key, value in batch.items():
        if torch.is_tensor(value):
            out[key] = value.to(device, non_blocking=True)
        elif isinstance(value, list):
            out[key] = [v.to(device, non_blocking=True) for v in value]
        else:
            out[key] = value
    return out


class CenterPointLite(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = PillarBackbone(out_channels=128, grid=(128, 128))
        self.head = CenterHead(128)

    def forward(self, batch):
        preds = self.head(self.backbone(batch["points"], batch["num_points"]))
        return self.head.loss(preds, batch)


def main(data_root, epochs=20, device="cuda"):
    loader = DataLoader(PointCloudScenes(data_root, split="train"), batch_size=4,
                        shuffle=True, num_workers=4, collate_fn=collate_scenes)
    model = CenterPointLite().to(device)
    optim = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)
    for epoch in range(epochs):
        for it, batch in enumerate(loader):
            batch = move_to_device(batch, device)
            loss = model(batch)
            optim.zero_grad()
            loss.backward()
            optim.step()
            if it % 50 == 0:
                print(f"epoch {epoch} iter {it} loss {loss.item():.4f}")


if __name__ == "__main__":
    main("data/nuscenes_pillars")
