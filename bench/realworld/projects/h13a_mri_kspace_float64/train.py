# source: https://github.com/NKI-AI/direct/pull/308
# error: RuntimeError: Input type (double) and bias type (float) should be the same
# pattern: float64-input
# shape: loader-loop, batch-dict, helper, multi-file
# bug-lines: 20, 32
# needs: torch
# cpu: no written where torch was not installed; not run
"""Training engine for the undersampled k-space reconstruction model."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from data import KSpaceSliceDataset
from model import KIRefineNet


def dict_to_device(data, device, keys=None):
    if keys is None:
        keys = data.keys()
    return {k: v.to(device) for k, v in data.items() if k in keys and isinstance(v, torch.Tensor)}


class ReconEngine:
    def __init__(self, model, device, lr=1e-4):
        self.device = device
        self.model = model.to(device)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)

    def _do_iteration(self, data):
        data = dict_to_device(data, self.device)
        mask = data["sampling_mask"][:, None, None, :]
        output = self.model(data["masked_kspace"], mask)
        loss = F.l1_loss(output, data["target"])
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def train_epoch(self, loader, epoch):
        self.model.train()
        running = 0.0
        for it, data in enumerate(loader):
            running += self._do_iteration(data)
            if (it + 1) % 20 == 0:
                print(f"epoch {epoch} iter {it + 1}: l1 {running / 20:.4f}")
                running = 0.0


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(KSpaceSliceDataset("data/singlecoil_train"), batch_size=4,
                        shuffle=True, num_workers=4)
    engine = ReconEngine(KIRefineNet(), device)
    for epoch in range(10):
        engine.train_epoch(loader, epoch)
