# source: https://github.com/gonglixue/LaplacianLoss-pytorch/issues/2
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 21
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train a tiny image-refinement CNN with a Laplacian-pyramid L1 loss."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def gauss_kernel5(channels=3):
    k = [[1., 4., 6., 4., 1.],
         [4., 16., 24., 16., 4.],
         [6., 24., 36., 24., 6.],
         [4., 16., 24., 16., 4.],
         [1., 4., 6., 4., 1.]]
    kernel = torch.tensor(k) / 256.0
    return kernel.repeat(channels, 1, 1, 1)


def conv_gauss(img, kernel):
    n_channels, _, kw, kh = kernel.shape
    img = F.pad(img, (kw // 2, kh // 2, kw // 2, kh // 2), mode="replicate")
    return F.conv2d(img, kernel, groups=n_channels)


def laplacian_pyramid(img, kernel, max_levels=4):
    current, pyr = img, []
    for _ in range(max_levels - 1):
        filtered = conv_gauss(current, kernel)
        pyr.append(current - filtered)
        current = F.avg_pool2d(filtered, 2)
    pyr.append(current)
    return pyr


def lap_loss(pred, target, kernel, weights=(1, 2, 4, 8)):
    pairs = zip(laplacian_pyramid(pred, kernel), laplacian_pyramid(target, kernel))
    return sum(w * F.l1_loss(a, b) for w, (a, b) in zip(weights, pairs))


class Refiner(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(32, 3, 3, padding=1))

    def forward(self, x):
        return x + self.body(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    clean = torch.rand(64, 3, 64, 64)
    noisy = clean + 0.1 * torch.randn_like(clean)
    loader = DataLoader(TensorDataset(noisy, clean), batch_size=8, shuffle=True)
    model = Refiner().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    kernel = gauss_kernel5(channels=3)
    for epoch in range(5):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = lap_loss(model(x), y, kernel)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())
