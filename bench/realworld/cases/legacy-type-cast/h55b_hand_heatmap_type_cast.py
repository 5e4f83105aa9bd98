# source: https://github.com/pytorch/pytorch/issues/7441
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: helper, loader-loop
# bug-lines: 41
# needs: torch
# cpu: no written where torch was not installed; not run
"""2D hand keypoint detector trained on Gaussian heatmaps (21 joints, stride-4 output)."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def conv_bn(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class HeatmapNet(nn.Module):
    def __init__(self, n_joints=21):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 32, 2), conv_bn(32, 64, 2))
        self.body = nn.Sequential(conv_bn(64, 128), conv_bn(128, 128), conv_bn(128, 64))
        self.head = nn.Conv2d(64, n_joints, 1)

    def forward(self, img):
        return self.head(self.body(self.stem(img)))


def render_heatmaps(kp, size, sigma=1.5):
    """kp: [B, J, 2] in heatmap pixels -> [B, J, size, size] Gaussians on kp's device."""
    ys = torch.arange(size, device=kp.device, dtype=kp.dtype).view(1, 1, size, 1)
    xs = torch.arange(size, device=kp.device, dtype=kp.dtype).view(1, 1, 1, size)
    d2 = (xs - kp[..., 0, None, None]) ** 2 + (ys - kp[..., 1, None, None]) ** 2
    return torch.exp(-d2 / (2 * sigma ** 2))


def make_targets(kp_img, img_size, hm_size):
    kp_hm = kp_img * (hm_size / img_size)
    heatmaps = render_heatmaps(kp_hm, hm_size)
    return heatmaps.type(torch.FloatTensor)


def train(epochs=2, img_size=128):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    imgs = torch.rand(128, 3, img_size, img_size)
    kps = torch.rand(128, 21, 2) * img_size
    loader = DataLoader(TensorDataset(imgs, kps), batch_size=16, shuffle=True)
    model = HeatmapNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for img, kp in loader:
            img, kp = img.to(device), kp.to(device)
            pred = model(img)
            target = make_targets(kp, img_size, pred.shape[-1])
            loss = F.mse_loss(pred, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: heatmap mse {loss.item():.5f}")


if __name__ == "__main__":
    train()
