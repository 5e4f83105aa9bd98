# source: https://github.com/awslabs/graphstorm/pull/909
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss_forward)
# pattern: module-in-plain-container
# shape: class, batch-dict, loader-loop
# bug-lines: 29, 33, 37
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn


class SharedEncoder(nn.Module):
    def __init__(self, in_dim, hidden):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden))

    def forward(self, x):
        return self.net(x)


class MultiTaskModel(nn.Module):
    """One shared encoder, one decoder and one loss function per task."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.decoders = nn.ModuleDict()
        self.loss_fns = {}

    def add_task(self, task_id, decoder, loss_fn):
        self.decoders[task_id] = decoder
        self.loss_fns[task_id] = loss_fn

    def forward(self, task_id, x, labels):
        logits = self.decoders[task_id](self.encoder(x))
        return self.loss_fns[task_id](logits, labels)


def task_batches(n_batches, in_dim):
    for _ in range(n_batches):
        x = torch.randn(128, in_dim)
        yield {"node_class": (x, torch.randint(0, 5, (128,))),
               "node_regress": (x, torch.randn(128, 1))}


def train(model, batches, device):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for step, batch in enumerate(batches):
        total = 0.0
        for task_id, (x, y) in batch.items():
            total = total + model(task_id, x.to(device), y.to(device))
        opt.zero_grad()
        total.backward()
        opt.step()
        if step % 50 == 0:
            print(f"step {step}: joint loss {total.item():.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    class_weights = torch.tensor([0.5, 1.0, 2.0, 2.0, 4.0])
    model = MultiTaskModel(SharedEncoder(in_dim=64, hidden=128))
    model.add_task("node_class", nn.Linear(128, 5), nn.CrossEntropyLoss(weight=class_weights))
    model.add_task("node_regress", nn.Linear(128, 1), nn.MSELoss())
    model.to(device)
    train(model, task_batches(300, in_dim=64), device)
