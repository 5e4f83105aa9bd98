# source: https://github.com/NetoPedro/Universal-Adversarial-Perturbations-Pytorch/issues/1
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, helper
# bug-lines: 53, 54
# needs: torch, torchvision, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision import datasets, transforms


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


class Trainer:
    def __init__(self, lr=0.01):
        self.net = LeNet()
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=lr, momentum=0.9)

    def train(self, loader, epochs=2):
        self.net.train()
        for _ in range(epochs):
            for images, labels in loader:
                self.optimizer.zero_grad()
                F.cross_entropy(self.net(images), labels).backward()
                self.optimizer.step()


def fooling_rate(net, images, v, xi=0.3):
    """Share of images whose predicted label changes once the universal perturbation is added."""
    device = "cuda" if torch.cuda.is_available() else "cpu"
    net.eval()
    v = torch.as_tensor(np.clip(v, -xi, xi), dtype=torch.float32)
    fooled = 0
    with torch.no_grad():
        for img in images:
            clean = img.unsqueeze(0).to(device)
            perturbed = (img + v).clamp(0, 1).unsqueeze(0).to(device)
            r_clean = net(clean).argmax(1)
            r_pert = net(perturbed).argmax(1)
            fooled += int((r_clean != r_pert).item())
    return fooled / len(images)


if __name__ == "__main__":
    tf = transforms.ToTensor()
    train_set = datasets.MNIST("data", train=True, download=True, transform=tf)
    test_set = datasets.MNIST("data", train=False, download=True, transform=tf)
    trainer = Trainer()
    trainer.train(torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True))
    test_images = [test_set[i][0] for i in range(300)]
    v = np.random.uniform(-0.3, 0.3, size=(1, 28, 28)).astype(np.float32)
    print("fooling rate:", fooling_rate(trainer.net, test_images, v))
