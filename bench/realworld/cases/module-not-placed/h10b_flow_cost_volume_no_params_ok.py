# source: https://github.com/ClementPinard/Pytorch-Correlation-extension/issues/6
# error: none (correct look-alike)
# shape: helper, loader-loop, batch-dict
# looks-like: module-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class CostVolume(nn.Module):
    """Local correlation between two feature maps; no parameters and no buffers."""

    def __init__(self, max_displacement=4):
        super().__init__()
        self.d = max_displacement

    def forward(self, f1, f2):
        b, c, h, w = f1.shape
        f2 = F.pad(f2, [self.d] * 4)
        costs = []
        for dy in range(2 * self.d + 1):
            for dx in range(2 * self.d + 1):
                costs.append((f1 * f2[:, :, dy:dy + h, dx:dx + w]).mean(dim=1, keepdim=True))
        return F.leaky_relu(torch.cat(costs, dim=1), 0.1)


class FlowHead(nn.Module):
    def __init__(self, max_displacement=4):
        super().__init__()
        self.feat = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.LeakyReLU(0.1), nn.Conv2d(32, 64, 3, 2, 1))
        n_cost = (2 * max_displacement + 1) ** 2
        self.flow = nn.Sequential(nn.Conv2d(n_cost + 64, 64, 3, 1, 1), nn.LeakyReLU(0.1), nn.Conv2d(64, 2, 3, 1, 1))

    def forward(self, img1, img2, corr):
        f1, f2 = self.feat(img1), self.feat(img2)
        flow = self.flow(torch.cat([corr(f1, f2), f1], dim=1))
        return F.interpolate(flow, scale_factor=4, mode="bilinear", align_corners=False) * 4.0


class RandomShiftPairs(Dataset):
    def __len__(self):
        return 512

    def __getitem__(self, i):
        img1 = torch.rand(3, 96, 128)
        dx, dy = i % 5 - 2, (i // 5) % 5 - 2
        img2 = torch.roll(img1, shifts=(dy, dx), dims=(1, 2))
        flow = torch.tensor([float(dx), float(dy)]).view(2, 1, 1).expand(2, 96, 128)
        return {"img1": img1, "img2": img2, "flow": flow}


def epe(pred, target):
    return torch.norm(pred - target, p=2, dim=1).mean()


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
net = FlowHead().to(device)
corr = CostVolume(max_displacement=4)
criterion = nn.SmoothL1Loss()
optimizer = torch.optim.Adam(net.parameters(), lr=1e-4)
loader = DataLoader(RandomShiftPairs(), batch_size=8, shuffle=True, num_workers=2)

for epoch in range(10):
    for step, batch in enumerate(loader):
        img1, img2, flow_gt = (batch[k].to(device) for k in ("img1", "img2", "flow"))
        flow = net(img1, img2, corr)
        loss = criterion(flow, flow_gt)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 20 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f} epe {epe(flow.detach(), flow_gt):.3f}")
