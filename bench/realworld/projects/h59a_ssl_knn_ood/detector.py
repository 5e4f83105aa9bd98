# source: https://github.com/kkirchheim/pytorch-ood/issues/25
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, loader-loop
# bug-lines: 32, 42
# needs: torch, scikit-learn
# cpu: no written where torch was not installed; not run
"""Deep nearest-neighbour OOD detector on top of a self-supervised encoder."""
import torch
from sklearn.neighbors import NearestNeighbors


class KNNDetector:
    """Scores a sample by its distance to the k-th closest in-distribution embedding."""

    def __init__(self, encoder, k=50, device="cuda"):
        self.encoder = encoder
        self.k = k
        self.device = device
        self.index = NearestNeighbors(n_neighbors=k, algorithm="auto")

    def _embed_loader(self, loader):
        chunks = []
        for images, _ in loader:
            images = images.to(self.device, non_blocking=True)
            chunks.append(self.encoder.embed(images))
        return torch.cat(chunks)

    def fit(self, id_loader):
        self.encoder.eval()
        z = self._embed_loader(id_loader)
        self.index.fit(z.detach().numpy())
        return self

    @torch.no_grad()
    def predict(self, loader):
        self.encoder.eval()
        scores = []
        for images, _ in loader:
            images = images.to(self.device, non_blocking=True)
            z = self.encoder.embed(images)
            dist, _ = self.index.kneighbors(z.detach().numpy(), n_neighbors=self.k)
            scores.append(torch.from_numpy(dist[:, -1]))
        return torch.cat(scores)
