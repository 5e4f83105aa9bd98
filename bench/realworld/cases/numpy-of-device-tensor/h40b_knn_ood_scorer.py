# source: https://github.com/kkirchheim/pytorch-ood/pull/27
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop
# bug-lines: 38
# needs: torch, torchvision, scikit-learn
# cpu: no written where torch was not installed; not run
"""Nearest-neighbour OOD scoring: distance of a test embedding to its closest training embedding."""
import torch
import torch.nn.functional as F
from sklearn.neighbors import NearestNeighbors
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms


class KNNScorer:
    def __init__(self, model):
        self.model = model
        self.knn = NearestNeighbors(n_neighbors=1)
        self._is_fitted = False

    def _embed(self, x):
        with torch.no_grad():
            return F.normalize(self.model(x), dim=1)

    def fit(self, loader, device):
        bank = []
        for x, _ in loader:
            bank.append(self._embed(x.to(device)).cpu())
        self.knn.fit(torch.cat(bank).numpy())
        self._is_fitted = True
        return self

    def predict(self, x):
        if not self._is_fitted:
            raise RuntimeError("call fit() first")
        z = self._embed(x)
        dist, _ = self.knn.kneighbors(z.detach().numpy(), n_neighbors=1, return_distance=True)
        return torch.tensor(dist).squeeze(1)


def main():
    device = torch.device("cuda")
    tfm = transforms.Compose([transforms.Resize(32), transforms.ToTensor()])
    train = DataLoader(datasets.CIFAR10("data", train=True, download=True, transform=tfm), batch_size=256)
    test_in = DataLoader(datasets.CIFAR10("data", train=False, transform=tfm), batch_size=256)
    test_out = DataLoader(datasets.SVHN("data", split="test", download=True, transform=tfm), batch_size=256)

    encoder = models.resnet18(num_classes=128).to(device).eval()
    scorer = KNNScorer(encoder).fit(train, device)
    for name, loader in [("cifar10", test_in), ("svhn", test_out)]:
        scores = torch.cat([scorer.predict(x.to(device)) for x, _ in loader])
        print(name, "mean nn-distance", scores.mean().item())


if __name__ == "__main__":
    main()
