# source: https://github.com/scverse/scvi-tools/issues/431
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: discarded-tensor-move
# shape: multi-file, class, loader-loop
# bug-lines: 57, 59
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch as th
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class GeneDataset:
    def __init__(self, X):
        self.X = X.astype(np.float32)


class JVAETrainer:
    def __init__(self, model, discriminator, datasets, use_cuda=True, lr=1e-3):
        self.use_cuda = use_cuda and th.cuda.is_available()
        self.model = model
        self.discriminator = discriminator
        if self.use_cuda:
            self.model.cuda()
            self.discriminator.cuda()
        self.all_dataset = datasets
        params = list(self.model.parameters()) + list(self.discriminator.parameters())
        self.optimizer = th.optim.Adam(params, lr=lr)

    def _loader(self, posterior, batch_size=32):
        tensors = TensorDataset(th.from_numpy(posterior.X))
        return DataLoader(tensors, batch_size=batch_size, shuffle=True)

    def train(self, n_epochs=2):
        ce = nn.CrossEntropyLoss()
        for _ in range(n_epochs):
            for mode, posterior in enumerate(self.all_dataset):
                for (batch,) in self._loader(posterior):
                    if self.use_cuda:
                        batch = batch.cuda()
                    loss = self.model(batch, mode=mode).mean()
                    z = self.model.sample_from_posterior_z(batch, mode=mode)
                    labels = th.full((z.size(0),), mode, dtype=th.long, device=z.device)
                    loss = loss + ce(self.discriminator(z), labels)
                    self.optimizer.zero_grad()
                    loss.backward()
                    self.optimizer.step()

    @th.no_grad()
    def get_discriminator_confusion(self) -> np.ndarray:
        """Rows: true modality, columns: mean predicted modality."""
        confusion = []
        for i, posterior in enumerate(self.all_dataset):
            data = th.from_numpy(posterior.X)
            if self.use_cuda:
                data.cuda()

            z = self.model.sample_from_posterior_z(data, mode=i, deterministic=True)
            cls_z = nn.Softmax(dim=1)(self.discriminator(z)).detach()

            cls_z = cls_z.cpu().numpy()
            confusion.append(cls_z.mean(axis=0))
        return np.array(confusion)
