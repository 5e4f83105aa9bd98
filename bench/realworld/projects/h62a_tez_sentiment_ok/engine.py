# source: https://github.com/abhishekkrthakur/tez/pull/18
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, class, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TrainableModel(nn.Module):
    """Minimal tez-style base: subclasses implement forward(**batch) -> (output, loss)."""

    def __init__(self):
        super().__init__()
        self.device = "cpu"
        self.optimizer = None

    def fit(self, loader, device="cuda", epochs=1):
        self.device = device
        self.to(device)
        if self.optimizer is None:
            self.optimizer = torch.optim.AdamW(self.parameters(), lr=3e-5)
        self.train()
        for _ in range(epochs):
            for batch in loader:
                batch = {k: v.to(device) for k, v in batch.items()}
                _, loss = self(**batch)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()

    @torch.no_grad()
    def predict(self, loader):
        self.eval()
        for batch in loader:
            batch = {k: v.to(self.device) for k, v in batch.items() if k != "targets"}
            output, _ = self(**batch)
            yield output.cpu()

    def save(self, path):
        torch.save({"state_dict": self.state_dict(),
                    "optimizer": self.optimizer.state_dict() if self.optimizer else None}, path)

    def load(self, path, device="cuda"):
        self.device = device
        checkpoint = torch.load(path, map_location=torch.device(device))
        self.load_state_dict(checkpoint["state_dict"])
        self.to(device)
