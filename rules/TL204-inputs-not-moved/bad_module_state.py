# The classifier lives at module level. `fit` moves it to the GPU in place and then
# hands the validation loader to a helper, which calls the same classifier on batches
# it never moves: the helper sees the classifier as `fit` left it.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

classifier = nn.Linear(20, 3)
gpu = torch.device("cuda")


def validate(loader):
    hits = 0
    for features, labels in loader:
        hits += (classifier(features).argmax(1) == labels).sum().item()  # expect: TL204:18 lines=28,20; TL204:29 lines=27,20
    return hits


def fit(train_loader, val_loader):
    classifier.to(gpu)
    for features, labels in train_loader:
        nn.functional.cross_entropy(classifier(features.to(gpu)), labels.to(gpu)).backward()
    return validate(val_loader)


def run():
    data = torch.randn(64, 20)
    labels = torch.randint(0, 3, (64,))
    loader = DataLoader(TensorDataset(data, labels), batch_size=16)
    return fit(loader, loader)
