# source: https://github.com/pytorch/examples/pull/1079
# error: (no exception) every rank's torch.load restores the snapshot onto cuda:0, where rank 0 saved it
# pattern: torch-load-map-location
# shape: class, loader-loop
# looks-like: torch-load-map-location
# cpu: clean
# needs: torch
import os
import tempfile

import torch
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, train_data, snapshot_path):
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        if torch.cuda.is_available():
            self.device = torch.device("cuda", self.local_rank)
        else:
            self.device = torch.device("cpu")
        self.model = model.to(self.device)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=1e-2, momentum=0.9)
        self.train_data, self.snapshot_path, self.epochs_run = train_data, snapshot_path, 0
        if os.path.exists(snapshot_path):
            self._load_snapshot(snapshot_path)

    def _load_snapshot(self, snapshot_path):
        snapshot = torch.load(snapshot_path, map_location=self.device)
        self.model.load_state_dict(snapshot["MODEL_STATE"])
        self.optimizer.load_state_dict(snapshot["OPTIMIZER_STATE"])
        self.epochs_run = snapshot["EPOCHS_RUN"]

    def train(self, max_epochs):
        for epoch in range(self.epochs_run, max_epochs):
            for source, targets in self.train_data:
                source, targets = source.to(self.device), targets.to(self.device)
                self.optimizer.zero_grad()
                torch.nn.functional.cross_entropy(self.model(source), targets).backward()
                self.optimizer.step()
            if self.local_rank == 0:
                torch.save({"MODEL_STATE": self.model.state_dict(), "OPTIMIZER_STATE": self.optimizer.state_dict(),
                            "EPOCHS_RUN": epoch + 1}, self.snapshot_path)


if __name__ == "__main__":
    data = TensorDataset(torch.randn(64, 20), torch.randint(0, 4, (64,)))
    snapshot = os.path.join(tempfile.gettempdir(), "ddp_series_snapshot_ok.pt")
    trainer = Trainer(torch.nn.Linear(20, 4), DataLoader(data, batch_size=16), snapshot)
    trainer.train(max_epochs=trainer.epochs_run + 1)
    print("epochs run:", trainer.epochs_run)
