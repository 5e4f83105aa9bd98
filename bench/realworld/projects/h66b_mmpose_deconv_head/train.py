# source: https://github.com/open-mmlab/mmdetection/issues/9725
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: clean
"""Train the top-down keypoint model on COCO-style person crops (256x192 input, 64x48 heatmaps)."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

from posenet import TopDownPoseNet


class CocoKeypointCrops(Dataset):
    def __init__(self, n=64, num_joints=17):
        self.n, self.num_joints = n, num_joints

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        img = torch.rand(3, 256, 192)
        target = torch.rand(self.num_joints, 64, 48)
        target_weight = torch.ones(self.num_joints, 1)
        return {"img": img, "target": target, "target_weight": target_weight}


class JointsMSELoss(nn.Module):
    def forward(self, output, target, target_weight):
        b, k = output.shape[:2]
        pred = output.reshape(b, k, -1)
        gt = target.reshape(b, k, -1)
        return 0.5 * ((pred - gt) ** 2 * target_weight).mean()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = TopDownPoseNet().to(device)
    criterion = JointsMSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    loader = DataLoader(CocoKeypointCrops(), batch_size=16, shuffle=True)
    for epoch in range(2):
        model.train()
        for batch in loader:
            batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
            heatmaps = model(batch["img"])
            loss = criterion(heatmaps, batch["target"], batch["target_weight"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss={loss.item():.6f}")


if __name__ == "__main__":
    main()
