# source: https://github.com/securefederatedai/openfederatedlearning/issues/298 https://github.com/securefederatedai/openfederatedlearning/pull/351
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run

import copy

import torch
from torch.utils.data import DataLoader

from kvasir_shard import KvasirShard  # local data shard, yields {"image", "mask"} dicts
from model import PolypUNet
from tasks import train, validate


class Collaborator:
    """One federation member; aggregation happens elsewhere, state arrives as CPU tensors."""

    def __init__(self, shard_dir, train_device="cuda", lr=1e-4):
        self.model = PolypUNet()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=lr)
        self.train_device = torch.device(train_device)
        self.val_device = torch.device("cpu")  # keep the GPU free for local training
        self.train_loader = DataLoader(KvasirShard(shard_dir, "train"), batch_size=8, shuffle=True)
        self.val_loader = DataLoader(KvasirShard(shard_dir, "val"), batch_size=8)

    def export_state(self):
        return {"model": {k: v.cpu() for k, v in self.model.state_dict().items()},
                "optimizer": copy.deepcopy(self.optimizer.state_dict())}

    def apply_global_state(self, state):
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])  # opt_treatment=CONTINUE_GLOBAL

    def run_round(self, global_state):
        if global_state is not None:
            self.apply_global_state(global_state)
        metrics = {"aggregated": validate(self.model, self.val_loader, self.val_device)}
        metrics["train"] = train(self.model, self.train_loader, self.optimizer, self.train_device)
        metrics["locally_tuned"] = validate(self.model, self.val_loader, self.val_device)
        return metrics, self.export_state()


if __name__ == "__main__":
    collab = Collaborator("data/kvasir/shard_0")
    state = None
    for rnd in range(5):
        metrics, state = collab.run_round(state)  # stand-in for the aggregator round trip
        print(f"round {rnd}: {metrics}")
