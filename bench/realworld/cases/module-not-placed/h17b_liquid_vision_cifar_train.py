# source: https://github.com/kyegomez/LiqudNet/issues/7
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: loader-loop, class
# bug-lines: 50, 59
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as transforms


class LiquidCell(nn.Module):
    def __init__(self, in_features, hidden):
        super().__init__()
        self.inp = nn.Linear(in_features, hidden)
        self.rec = nn.Linear(hidden, hidden)
        self.tau = nn.Parameter(torch.ones(hidden))

    def forward(self, x, steps=4):
        h = torch.zeros(x.shape[0], self.rec.out_features, device=x.device)
        for _ in range(steps):
            dh = -h / self.tau + torch.tanh(self.inp(x) + self.rec(h))
            h = h + 0.1 * dh
        return h


class VisionLiquidNet(nn.Module):
    def __init__(self, num_classes=10, hidden=64):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.liquid = LiquidCell(32 * 8 * 8, hidden)
        self.fc = nn.Linear(hidden, num_classes)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        return self.fc(self.liquid(x.flatten(1)))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,) * 3, (0.5,) * 3)])
trainset = torchvision.datasets.CIFAR10(root="./data", train=True, download=True, transform=transform)
trainloader = torch.utils.data.DataLoader(trainset, batch_size=64, shuffle=True, num_workers=2)

model = VisionLiquidNet(num_classes=10)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(10):
    running = 0.0
    for i, (images, labels) in enumerate(trainloader):
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        outputs = model(images)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        running += loss.item()
        if i % 200 == 199:
            print(f"[{epoch + 1}, {i + 1}] loss: {running / 200:.3f}")
            running = 0.0
