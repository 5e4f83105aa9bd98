# source: https://github.com/patrickloeber/pytorchTutorial/issues/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: module-not-placed
# shape: helper, loader-loop
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchvision
import torchvision.transforms as transforms

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

input_size, hidden_size, num_classes = 784, 500, 10
num_epochs, batch_size, learning_rate = 2, 100, 0.001


class NeuralNet(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.l1 = nn.Linear(input_size, hidden_size)
        self.relu = nn.ReLU()
        self.l2 = nn.Linear(hidden_size, num_classes)

    def forward(self, x):
        return self.l2(self.relu(self.l1(x)))


def build_model():
    model = NeuralNet(input_size, hidden_size, num_classes)
    criterion = nn.CrossEntropyLoss()
    return model, criterion


def get_loaders():
    tfm = transforms.ToTensor()
    train = torchvision.datasets.MNIST(root="./data", train=True, transform=tfm, download=True)
    test = torchvision.datasets.MNIST(root="./data", train=False, transform=tfm)
    return (torch.utils.data.DataLoader(train, batch_size=batch_size, shuffle=True),
            torch.utils.data.DataLoader(test, batch_size=batch_size, shuffle=False))


def main():
    train_loader, test_loader = get_loaders()
    model, criterion = build_model()
    model = model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    for epoch in range(num_epochs):
        for i, (images, labels) in enumerate(train_loader):
            images = images.reshape(-1, 28 * 28).to(device)
            labels = labels.to(device)
            loss = criterion(model(images), labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if (i + 1) % 100 == 0:
                print(f"Epoch [{epoch + 1}/{num_epochs}], Step [{i + 1}], Loss: {loss.item():.4f}")
    with torch.no_grad():
        correct = total = 0
        for images, labels in test_loader:
            images, labels = images.reshape(-1, 28 * 28).to(device), labels.to(device)
            _, predicted = torch.max(model(images), 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
    print(f"Accuracy of the network on the 10000 test images: {100.0 * correct / total} %")


if __name__ == "__main__":
    main()
