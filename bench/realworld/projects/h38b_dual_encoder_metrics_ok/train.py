# source: https://github.com/Lightning-AI/torchmetrics/issues/181
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: multi-file, loader-loop, batch-dict
# looks-like: module-in-plain-container
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the two-tower retriever on (query, positive passage) pairs."""
import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

from model import DualEncoder


def collate(pairs):
    q = pad_sequence([torch.tensor(p["query"]) for p in pairs], batch_first=True)
    d = pad_sequence([torch.tensor(p["passage"]) for p in pairs], batch_first=True)
    return {"query": q, "passage": d}


def synthetic_pairs(n, vocab=50000, seed=0):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(n):
        doc = torch.randint(1, vocab, (32,), generator=g).tolist()
        out.append({"query": doc[:6], "passage": doc})
    return out


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = DualEncoder().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3)
    train_loader = DataLoader(synthetic_pairs(20000), batch_size=128, shuffle=True, collate_fn=collate)
    val_loader = DataLoader(synthetic_pairs(2000, seed=1), batch_size=128, collate_fn=collate)
    for epoch in range(3):
        model.train()
        for batch in train_loader:
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = model.loss(batch["query"], batch["passage"])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        for batch in val_loader:
            model.validation_step(batch["query"].to(device), batch["passage"].to(device))
        print(epoch, model.compute_and_reset())
