# source: https://github.com/NVIDIA-Merlin/Transformers4Rec/issues/509
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop, batch-dict
# bug-lines: 35, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class SessionGRU4Rec(nn.Module):
    def __init__(self, n_items, dim=64):
        super().__init__()
        self.item_emb = nn.Embedding(n_items, dim, padding_idx=0)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, n_items)

    def forward(self, item_seq):
        h, _ = self.gru(self.item_emb(item_seq))
        return self.out(h[:, -1])


def one_hot_targets(target_ids, n_items):
    labels = torch.zeros(target_ids.size(0), n_items, device=target_ids.device)
    return labels.scatter_(1, target_ids.unsqueeze(1), 1.0)


def mrr_at_k(scores, labels, k=20):
    topk_idx = torch.topk(scores, k, dim=1).indices
    topk_labels = torch.gather(labels, 1, topk_idx)
    positions = torch.arange(k) + 1
    reciprocal = (topk_labels / positions).max(dim=1).values
    return reciprocal.mean()


def recall_at_k(scores, labels, k=20):
    topk_idx = torch.topk(scores, k, dim=1).indices
    return torch.gather(labels, 1, topk_idx).sum(dim=1).clamp(max=1).mean()


@torch.no_grad()
def evaluate(model, loader, n_items, k=20):
    model.eval()
    metrics = {"mrr": [], "recall": []}
    for seqs, targets in loader:
        batch = {"seq": seqs.to(device), "target": targets.to(device)}
        scores = model(batch["seq"])
        labels = one_hot_targets(batch["target"], n_items)
        metrics["mrr"].append(mrr_at_k(scores, labels, k).item())
        metrics["recall"].append(recall_at_k(scores, labels, k).item())
    return {name: sum(v) / len(v) for name, v in metrics.items()}


if __name__ == "__main__":
    n_items = 5000
    seqs = torch.randint(1, n_items, (512, 12))
    targets = torch.randint(1, n_items, (512,))
    loader = DataLoader(TensorDataset(seqs, targets), batch_size=128)
    model = SessionGRU4Rec(n_items).to(device)
    print(evaluate(model, loader, n_items))
