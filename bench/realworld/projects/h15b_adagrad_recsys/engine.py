# source: https://github.com/Lightning-AI/pytorch-lightning/issues/6824 https://github.com/Lightning-AI/pytorch-lightning/pull/7277
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


def build_optimizer(model, cfg):
    name = cfg.get("optimizer", "adagrad")
    if name == "adagrad":
        return torch.optim.Adagrad(model.parameters(), lr=cfg["lr"],
                                   initial_accumulator_value=0.1)
    return torch.optim.Adam(model.parameters(), lr=cfg["lr"])


class Trainer:
    def __init__(self, model, optimizer, device):
        self.model = model
        self.optimizer = optimizer
        self.device = device

    def _step(self, batch):
        batch = {k: v.to(self.device) for k, v in batch.items()}
        logits = self.model(batch["user"], batch["item"])
        loss = F.binary_cross_entropy_with_logits(logits, batch["label"])
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def fit(self, loader, epochs=1):
        self.model.to(self.device)
        self.model.train()
        for epoch in range(epochs):
            total = 0.0
            for batch in loader:
                total += self._step(batch)
            print(f"epoch {epoch}: loss {total / len(loader):.4f}")
