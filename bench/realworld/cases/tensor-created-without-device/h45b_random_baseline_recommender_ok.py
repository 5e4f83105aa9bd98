# source: https://github.com/RUCAIBox/RecBole/issues/1984
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RandomRecommender(nn.Module):
    """Baseline that scores every (user, item) pair at random."""

    def __init__(self, n_users, n_items, seed=2020, device="cpu"):
        super().__init__()
        self.n_users, self.n_items = n_users, n_items
        self.device = torch.device(device)
        self.fake_loss = nn.Parameter(torch.zeros(1, device=self.device))
        self.generator = torch.Generator(device=self.device).manual_seed(seed + n_users + n_items)

    def calculate_loss(self, interaction):
        return self.fake_loss.sum()

    def predict(self, interaction):
        n = interaction["user_id"].shape[0]
        return torch.rand(n, device=self.device, generator=self.generator)

    def full_sort_predict(self, interaction):
        n = interaction["user_id"].shape[0]
        scores = torch.rand(n, self.n_items, device=self.device, generator=self.generator)
        return scores.view(-1)


class PointwiseEval(Dataset):
    def __init__(self, n_users, n_items, n=4096):
        self.users = torch.randint(0, n_users, (n,))
        self.items = torch.randint(0, n_items, (n,))
        self.labels = (torch.rand(n) > 0.8).float()

    def __len__(self):
        return len(self.users)

    def __getitem__(self, i):
        return {"user_id": self.users[i], "item_id": self.items[i], "label": self.labels[i]}


def evaluate_auc_like(model, loader, device):
    hits, total = 0.0, 0
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        scores = model.predict(batch)
        hits += ((scores > 0.5).float() == batch["label"]).float().sum().item()
        total += scores.numel()
    return hits / total


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = RandomRecommender(n_users=943, n_items=1682, device=device)
    loader = DataLoader(PointwiseEval(943, 1682), batch_size=2048)
    print("random accuracy:", evaluate_auc_like(model, loader, device))
    topk = model.full_sort_predict({"user_id": torch.arange(4, device=device)}).view(4, -1).topk(10).indices
    print(topk.shape)
