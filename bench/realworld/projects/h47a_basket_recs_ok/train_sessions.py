# source: https://github.com/barissayil/SentimentAnalysis/issues/31
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper__index_select)
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, batch-dict, helper
# looks-like: inputs-not-moved
# needs: torch
# cpu: no written where torch was not installed; not run
"""Train the session recommender and report recall@20 on the last week of clicks."""
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from session_model import SessionRecommender
from sessions import BasketSessions, collate_sessions

KEEP_ON_CPU = {"lengths"}  # pack_padded_sequence wants CPU lengths


def to_device(batch, device):
    return {k: (v if k in KEEP_ON_CPU else v.to(device, non_blocking=True)) for k, v in batch.items()}


def recall_at_k(model, loader, device, k=20):
    model.eval()
    hits, total = 0, 0
    with torch.no_grad():
        for batch in loader:
            batch = to_device(batch, device)
            scores = model(batch["items"], batch["lengths"])
            topk = scores.topk(k, dim=1).indices
            hits += (topk == batch["target"].unsqueeze(1)).any(dim=1).sum().item()
            total += batch["target"].numel()
    model.train()
    return hits / max(total, 1)


def main(n_items=52000, epochs=8):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_loader = DataLoader(BasketSessions("clicks/train.parquet"), batch_size=512,
                              shuffle=True, collate_fn=collate_sessions, pin_memory=True)
    test_loader = DataLoader(BasketSessions("clicks/last_week.parquet"), batch_size=1024,
                             collate_fn=collate_sessions)
    model = SessionRecommender(n_items).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for batch in train_loader:
            batch = to_device(batch, device)
            loss = F.cross_entropy(model(batch["items"], batch["lengths"]), batch["target"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.3f} recall@20 {recall_at_k(model, test_loader, device):.3f}")


if __name__ == "__main__":
    main()
