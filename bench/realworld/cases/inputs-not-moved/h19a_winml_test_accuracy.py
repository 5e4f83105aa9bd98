# source: https://github.com/MicrosoftDocs/windows-ai-docs/issues/80
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper, loader-loop
# looks-like: inputs-not-moved
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as transforms
from torch.utils.data import DataLoader
from torchvision.datasets import CIFAR10

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")

transformations = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))])
train_loader = DataLoader(CIFAR10("./data", train=True, transform=transformations, download=True), batch_size=10, shuffle=True)
test_loader = DataLoader(CIFAR10("./data", train=False, transform=transformations, download=True), batch_size=10)


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 12, 5, padding=1)
        self.bn1 = nn.BatchNorm2d(12)
        self.conv2 = nn.Conv2d(12, 24, 5, padding=1)
        self.bn2 = nn.BatchNorm2d(24)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(24 * 14 * 14, 10)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))
        return self.fc1(x.flatten(1))


model = Network()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001, weight_decay=0.0001)


def testAccuracy():
    model.eval()
    accuracy, total = 0.0, 0.0
    with torch.no_grad():
        for images, labels in test_loader:
            images, labels = images.to(device), labels.to(device)
            outputs = model(images)
            _, predicted = torch.max(outputs.data, 1)
            total += labels.size(0)
            accuracy += (predicted == labels).sum().item()
    return 100 * accuracy / total


def train(num_epochs):
    best_accuracy = 0.0
    model.to(device)
    for epoch in range(num_epochs):
        model.train()
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()
        accuracy = testAccuracy()
        print(f"epoch {epoch + 1}: test accuracy {accuracy:.1f}%")
        if accuracy > best_accuracy:
            torch.save(model.state_dict(), "./myFirstModel.pth")
            best_accuracy = accuracy


if __name__ == "__main__":
    train(5)
