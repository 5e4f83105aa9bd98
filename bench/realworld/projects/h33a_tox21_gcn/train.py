# source: https://github.com/pyg-team/pytorch_geometric/issues/1537
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
# pattern: integer-input
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 21
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, random_split

from data import TASKS, Tox21Graphs, collate_graphs
from model import ToxGCN


def run_epoch(model, loader, device, optimizer=None):
    model.train(optimizer is not None)
    total = 0.0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        logits = model(batch["x"], batch["adj"], batch["mask"])
        loss = F.binary_cross_entropy_with_logits(logits, batch["y"])
        if optimizer is not None:
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        total += loss.item() * batch["y"].shape[0]
    return total / len(loader.dataset)


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dataset = Tox21Graphs("tox21.csv")
    train_set, val_set = random_split(dataset, [0.9, 0.1], generator=torch.Generator().manual_seed(0))
    train_loader = DataLoader(train_set, batch_size=64, shuffle=True, collate_fn=collate_graphs)
    val_loader = DataLoader(val_set, batch_size=128, collate_fn=collate_graphs)
    model = ToxGCN(in_dim=7, n_tasks=len(TASKS)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(30):
        tr = run_epoch(model, train_loader, device, optimizer)
        with torch.no_grad():
            va = run_epoch(model, val_loader, device)
        print(f"epoch {epoch:02d} train {tr:.4f} val {va:.4f}")


if __name__ == "__main__":
    main()
