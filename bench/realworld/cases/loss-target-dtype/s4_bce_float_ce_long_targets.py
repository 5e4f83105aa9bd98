# source: https://github.com/APPFL/APPFL/issues/60
# error: RuntimeError: expected scalar type Long but found Float
# pattern: loss-target-dtype
# shape: helper, loader-loop
# looks-like: loss-target-dtype
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def make_criterion(num_classes):
    if num_classes == 1:
        return nn.BCEWithLogitsLoss()
    return nn.CrossEntropyLoss()


def prepare_target(target, num_classes):
    if num_classes == 1:
        return target.to(torch.float32).reshape(-1, 1)
    return target.long()


def client_train(model, loader, num_classes, device, epochs=1):
    criterion = make_criterion(num_classes)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    model.train()
    for _ in range(epochs):
        for data, target in loader:
            data = data.to(device)
            target = prepare_target(target, num_classes).to(device)
            output = model(data)
            loss = criterion(output, target)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return loss.item()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x = torch.randn(32, 10)
    labels = torch.randint(0, 2, (32,)).float()
    loader = DataLoader(TensorDataset(x, labels), batch_size=8)
    for num_classes in (1, 2):
        model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, num_classes)).to(device)
        print(num_classes, client_train(model, loader, num_classes, device))
