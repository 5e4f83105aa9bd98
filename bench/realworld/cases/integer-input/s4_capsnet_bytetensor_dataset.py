# source: https://github.com/gram-ai/capsule-networks/issues/39 https://github.com/pytorch/pytorch/issues/14186
# error: RuntimeError: Input type (torch.cuda.ByteTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: integer-input
# shape: class, loader-loop
# bug-lines: 38, 49
# cpu: raises "Input type (unsigned char) and bias type (float) should be the same"
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class ConvCaps(nn.Module):
    def __init__(self, n_caps=8, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=9, stride=1)
        self.primary = nn.Conv2d(32, n_caps * 8, kernel_size=9, stride=2)
        self.digits = nn.Linear(n_caps * 8 * 6 * 6, classes * 16)
        self.classes = classes

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.primary(x).flatten(1)
        caps = self.digits(x).view(-1, self.classes, 16)
        return caps.norm(dim=-1)


class CapsuleTrainer:
    def __init__(self, raw_images, raw_labels, batch_size=16, use_cuda=True):
        self.device = torch.device("cuda" if use_cuda and torch.cuda.is_available() else "cpu")
        self.model = ConvCaps().to(self.device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        self.loader = self._make_loader(raw_images, raw_labels, batch_size)

    def _make_loader(self, images, labels, batch_size):
        # images come straight from MNIST(...).data: (N, 28, 28) uint8
        dataset = TensorDataset(images.unsqueeze(1), labels)
        return DataLoader(dataset, batch_size=batch_size, shuffle=True)

    def margin_loss(self, lengths, labels):
        onehot = F.one_hot(labels, lengths.size(1)).float()
        left = F.relu(0.9 - lengths) ** 2
        right = F.relu(lengths - 0.1) ** 2
        return (onehot * left + 0.5 * (1 - onehot) * right).sum(1).mean()

    def step(self, data, labels):
        data, labels = data.to(self.device), labels.to(self.device)
        lengths = self.model(data)
        loss = self.margin_loss(lengths, labels)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def fit(self, epochs=1):
        for epoch in range(epochs):
            losses = [self.step(data, labels) for data, labels in self.loader]
            print(f"epoch {epoch}: loss {sum(losses) / len(losses):.4f}")


if __name__ == "__main__":
    mnist_data = torch.randint(0, 256, (48, 28, 28), dtype=torch.uint8)
    mnist_targets = torch.randint(0, 10, (48,))
    CapsuleTrainer(mnist_data, mnist_targets).fit(epochs=1)
