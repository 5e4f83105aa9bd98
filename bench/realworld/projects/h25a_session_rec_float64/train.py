# source: https://github.com/NVIDIA-Merlin/Transformers4Rec/issues/589 https://github.com/NVIDIA-Merlin/NVTabular/issues/1698
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, batch-dict, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader

from features import CONT_COLS, SessionDataset, collate_sessions, load_sessions
from model import SessionRecModel

NUM_ITEMS = 52_000


def recall_at_k(logits, target, k=20):
    topk = logits.topk(k, dim=-1).indices
    return (topk == target.unsqueeze(-1)).any(dim=-1).float().mean().item()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_ds = SessionDataset(load_sessions("data/train.parquet"))
    loader = DataLoader(train_ds, batch_size=256, shuffle=True, collate_fn=collate_sessions)

    model = SessionRecModel(NUM_ITEMS, num_cont=len(CONT_COLS)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    for epoch in range(3):
        model.train()
        for step, batch in enumerate(loader):
            batch = {k: v.to(device) for k, v in batch.items()}
            logits = model(batch)
            loss = F.cross_entropy(logits, batch["target"])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 100 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} "
                      f"recall@20 {recall_at_k(logits.detach(), batch['target']):.3f}")


if __name__ == "__main__":
    main()
