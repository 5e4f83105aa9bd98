# source: https://github.com/sattarov/FedTabDiff/issues/1 https://github.com/sattarov/FedTabDiff/pull/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: multi-file, class, loader-loop
# bug-lines: 48
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Flower-style client: local denoiser training, then a synthetic-sample release for the server."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

from sampling import GaussianDiffuser, generate_samples
from synthesizer import MLPSynthesizer


class PaymentsClient:
    def __init__(self, client_id, records, labels, n_classes, device):
        self.client_id = client_id
        self.device = device
        self.labels = labels
        self.loader = DataLoader(TensorDataset(torch.from_numpy(records), torch.from_numpy(labels)),
                                 batch_size=128, shuffle=True)
        self.model = MLPSynthesizer(records.shape[1], n_classes)
        self.diffuser = GaussianDiffuser()

    def fit(self, rounds=20):
        self.model.to(self.device).train()
        opt = torch.optim.Adam(self.model.parameters(), lr=1e-3)
        alpha_hat = self.diffuser.alpha_hat.to(self.device)
        for step, (x, y) in enumerate(self.loader):
            x, y = x.to(self.device), y.to(self.device)
            t = torch.randint(0, self.diffuser.total_steps, (x.size(0),), device=self.device)
            noise = torch.randn_like(x)
            a = alpha_hat[t][:, None]
            noisy = torch.sqrt(a) * x + torch.sqrt(1.0 - a) * noise
            loss = nn.functional.mse_loss(self.model(noisy, t, y), noise)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step + 1 >= rounds:
                break
        return loss.item()

    def release_synthetic(self, n_per_class=64):
        classes = np.unique(self.labels)
        wanted = torch.tensor(np.repeat(classes, n_per_class), dtype=torch.long)
        self.model.eval()
        return generate_samples(self.model, self.diffuser, self.model.proj.in_features, wanted)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    recs = rng.normal(size=(4000, 16)).astype(np.float32)
    labs = rng.integers(0, 4, size=4000).astype(np.int64)
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    client = PaymentsClient(0, recs, labs, n_classes=4, device=dev)
    print("local loss", client.fit())
    print("synthetic shape", tuple(client.release_synthetic().shape))
