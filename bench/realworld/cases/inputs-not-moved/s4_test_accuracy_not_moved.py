# source: https://github.com/MicrosoftDocs/windows-ai-docs/issues/94
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: helper, loader-loop
# bug-lines: 40, 41
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 12, 5, padding=1)
        self.bn1 = nn.BatchNorm2d(12)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(12 * 15 * 15, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.bn1(self.conv1(x))))
        return self.fc1(x.flatten(1))


model = Network()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
train_loader = DataLoader(TensorDataset(torch.randn(40, 3, 32, 32), torch.randint(0, 10, (40,))), batch_size=10)
test_loader = DataLoader(TensorDataset(torch.randn(20, 3, 32, 32), torch.randint(0, 10, (20,))), batch_size=10)


def testAccuracy():
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


def train(num_epochs):
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
        accuracy = testAccuracy()
        print(f"epoch {epoch + 1}: test accuracy {accuracy:.1f}%")


if __name__ == "__main__":
    train(2)
