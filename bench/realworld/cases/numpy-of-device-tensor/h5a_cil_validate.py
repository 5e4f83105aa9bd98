# source: https://github.com/GMvandeVen/class-incremental-learning/issues/5
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop
# bug-lines: 29
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def _device_of(model):
    return next(model.parameters()).device


def get_scores(model, x, active_classes):
    with torch.no_grad():
        scores = model(x.to(_device_of(model)))
    return scores[:, :active_classes]


def validate(model, dataset, active_classes, batch_size=64):
    model.eval()
    correct, total = 0, 0
    for x, y in DataLoader(dataset, batch_size=batch_size):
        scores = get_scores(model, x, active_classes)
        predicted = np.argmax(scores, axis=1)
        correct += int((predicted == y.numpy()).sum())
        total += len(y)
    return correct / total


def test_all_contexts(model, contexts, classes_per_context=2):
    accs = []
    for i, data in enumerate(contexts):
        active = (i + 1) * classes_per_context
        accs.append(validate(model, data, active))
    return accs


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(device)
    contexts = [TensorDataset(torch.rand(100, 1, 28, 28), torch.randint(2 * i, 2 * i + 2, (100,)))
                for i in range(5)]
    print(test_all_contexts(net, contexts))
