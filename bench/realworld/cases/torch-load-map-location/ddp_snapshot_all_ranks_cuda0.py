# source: https://github.com/pytorch/examples/issues/1078
# error: (no exception) every rank's torch.load restores the snapshot onto cuda:0, where rank 0 saved it: GPU 0 holds extra copies and runs out of memory first
# pattern: torch-load-map-location
# shape: class, loader-loop
# bug-lines: 32
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, train_data, optimizer, snapshot_path):
        self.local_rank = int(os.environ.get("LOCAL_RANK", 0))
        cuda = torch.cuda.is_available()
        self.device = torch.device("cuda", self.local_rank) if cuda else torch.device("cpu")
        self.model = model.to(self.device)
        self.train_data, self.optimizer = train_data, optimizer
        self.snapshot_path = snapshot_path
        self.epochs_run = 0
        if os.path.exists(snapshot_path):
            self._load_snapshot(snapshot_path)
        if dist.is_initialized():
            self.model = DDP(self.model, device_ids=[self.local_rank] if cuda else None)

    def _load_snapshot(self, snapshot_path):
        snapshot = torch.load(snapshot_path)
        self.model.load_state_dict(snapshot["MODEL_STATE"])
        self.epochs_run = snapshot["EPOCHS_RUN"]
        print(f"[rank {self.local_rank}] resuming from epoch {self.epochs_run}")

    def _save_snapshot(self, epoch):
        raw = self.model.module if isinstance(self.model, DDP) else self.model
        torch.save({"MODEL_STATE": raw.state_dict(), "EPOCHS_RUN": epoch}, self.snapshot_path)

    def train(self, max_epochs):
        for epoch in range(self.epochs_run, max_epochs):
            for source, targets in self.train_data:
                source, targets = source.to(self.device), targets.to(self.device)
                self.optimizer.zero_grad()
                loss = torch.nn.functional.cross_entropy(self.model(source), targets)
                loss.backward()
                self.optimizer.step()
            if self.local_rank == 0:
                self._save_snapshot(epoch + 1)


if __name__ == "__main__":
    if "WORLD_SIZE" in os.environ:
        dist.init_process_group(backend="nccl" if torch.cuda.is_available() else "gloo")
    data = TensorDataset(torch.randn(64, 20), torch.randint(0, 4, (64,)))
    model = torch.nn.Linear(20, 4)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    snapshot = os.path.join(tempfile.gettempdir(), "ddp_series_snapshot.pt")
    Trainer(model, DataLoader(data, batch_size=16), optimizer, snapshot).train(max_epochs=2)
    if dist.is_initialized():
        dist.destroy_process_group()
