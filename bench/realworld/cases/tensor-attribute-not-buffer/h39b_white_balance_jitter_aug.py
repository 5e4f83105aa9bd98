# source: https://github.com/kornia/kornia/issues/2791
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 25, 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""GPU colour augmentation: random black-body white-balance shifts applied per sample."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

# (red gain, blue gain) pairs for colour temperatures from 3000K to 9000K
BLACKBODY_GAINS = [
    [1.38, 0.62], [1.27, 0.71], [1.19, 0.79], [1.12, 0.86],
    [1.06, 0.93], [1.00, 1.00], [0.95, 1.06], [0.91, 1.12],
    [0.87, 1.18], [0.84, 1.23], [0.81, 1.28], [0.79, 1.33],
]


class RandomWhiteBalanceJitter(nn.Module):
    def __init__(self, gains=BLACKBODY_GAINS, p=0.5):
        super().__init__()
        self.p = p
        self.gains = torch.tensor(gains, dtype=torch.float32)

    def forward(self, images):
        batch = images.size(0)
        idx = torch.randint(0, self.gains.size(0), (batch,))
        keep = torch.rand(batch) >= self.p
        gains = self.gains[idx]
        gains[keep] = 1.0
        scale = torch.stack([gains[:, 0], torch.ones(batch), gains[:, 1]], dim=1)
        return (images * scale[:, :, None, None]).clamp(0.0, 1.0)


def main():
    device = torch.device("cuda")
    augment = RandomWhiteBalanceJitter(p=0.8).to(device)
    net = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
                        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10)).to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    data = TensorDataset(torch.rand(512, 3, 32, 32), torch.randint(0, 10, (512,)))
    loader = DataLoader(data, batch_size=64, shuffle=True)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        images = augment(images)
        loss = nn.functional.cross_entropy(net(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("last loss", loss.item())


if __name__ == "__main__":
    main()
