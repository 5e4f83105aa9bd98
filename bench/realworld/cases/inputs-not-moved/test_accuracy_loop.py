# source: https://github.com/MicrosoftDocs/windows-ai-docs/issues/96
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper, loader-loop
# bug-lines: 42, 43, 46
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.optim import Adam
from torch.utils.data import DataLoader, TensorDataset


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 12, 5, padding=1)
        self.bn1 = nn.BatchNorm2d(12)
        self.conv2 = nn.Conv2d(12, 24, 5, padding=1)
        self.bn2 = nn.BatchNorm2d(24)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(24 * 6 * 6, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))
        return self.fc1(x.flatten(1))


model = Network()
loss_fn = nn.CrossEntropyLoss()
optimizer = Adam(model.parameters(), lr=0.001, weight_decay=0.0001)
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def testAccuracy(test_loader):
    model.eval()
    accuracy, total = 0.0, 0.0
    with torch.no_grad():
        for data in test_loader:
            images, labels = data
            outputs = model(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            accuracy += (predicted == labels).sum().item()
    return 100 * accuracy / total


def train(num_epochs, train_loader, test_loader):
    print("The model will be running on", device, "device")
    model.to(device)
    for epoch in range(num_epochs):
        model.train()
        for i, (images, labels) in enumerate(train_loader, 0):
            images = images.to(device)
            labels = labels.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()
        accuracy = testAccuracy(test_loader)
        print("epoch", epoch + 1, "test accuracy %d %%" % accuracy)


if __name__ == "__main__":
    x = torch.randn(64, 3, 16, 16)
    y = torch.randint(0, 10, (64,))
    train_loader = DataLoader(TensorDataset(x[:48], y[:48]), batch_size=8, shuffle=True)
    test_loader = DataLoader(TensorDataset(x[48:], y[48:]), batch_size=8)
    train(2, train_loader, test_loader)
