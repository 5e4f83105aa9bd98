# A ranking metric: the one-hot labels are filled in place on the targets' device
# (`scatter_` gives the tensor itself), the top-k fields (`.indices`) are where the
# scores are, and the ranks divided by them are made on the CPU.
import torch
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def one_hot(targets, n_items):
    labels = torch.zeros(targets.size(0), n_items, device=targets.device)
    return labels.scatter_(1, targets.unsqueeze(1), 1.0)


def mrr_at_k(scores, labels, k=20):
    top = torch.topk(scores, k, dim=1).indices
    hits = torch.gather(labels, 1, top)
    ranks = torch.arange(k) + 1  # expect: TL204:13 lines=19
    return (hits / ranks).max(dim=1).values.mean()


def evaluate(model, loader, n_items):
    model.to(device)
    total = 0.0
    for seqs, targets in loader:
        scores = model(seqs.to(device))
        labels = one_hot(targets.to(device), n_items)
        total += mrr_at_k(scores, labels).item()
    return total / len(loader)


if __name__ == "__main__":
    data = TensorDataset(torch.randint(1, 500, (256, 12)), torch.randint(1, 500, (256,)))
    model = torch.nn.Sequential(torch.nn.Embedding(500, 32), torch.nn.Flatten(), torch.nn.Linear(384, 500))
    print(evaluate(model, DataLoader(data, batch_size=64), 500))
