# source: https://github.com/pytorch/pytorch/issues/30616 https://discuss.pytorch.org/t/what-does-net-to-device-do-in-nn-dataparallel/43516
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: helper, loader-loop, batch-dict
# looks-like: parallel-wrap-before-placement
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset, TensorDataset


def make_net():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 2),
    )


def run_fold(train_set, val_set, device, epochs=2):
    net = make_net()
    if torch.cuda.device_count() > 1:
        net = nn.DataParallel(net)
    net.to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    for _ in range(epochs):
        net.train()
        for sample in DataLoader(train_set, batch_size=32, shuffle=True):
            batch = {"image": sample[0].to(device), "label": sample[1].to(device)}
            loss = nn.functional.cross_entropy(net(batch["image"]), batch["label"])
            opt.zero_grad()
            loss.backward()
            opt.step()
    net.eval()
    correct = 0
    with torch.no_grad():
        for image, label in DataLoader(val_set, batch_size=64):
            correct += (net(image.to(device)).argmax(1) == label.to(device)).sum().item()
    return correct / len(val_set)


def main(k=4):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    data = TensorDataset(torch.randn(400, 1, 28, 28), torch.randint(0, 2, (400,)))
    idx = torch.randperm(len(data)).tolist()
    fold = len(idx) // k
    scores = []
    for i in range(k):
        val_idx = idx[i * fold:(i + 1) * fold]
        train_idx = idx[:i * fold] + idx[(i + 1) * fold:]
        scores.append(run_fold(Subset(data, train_idx), Subset(data, val_idx), device))
    print("fold accuracies:", scores)


if __name__ == "__main__":
    main()
