# source: https://github.com/RUCAIBox/RecBole/issues/1869
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Interactions(Dataset):
    def __init__(self, users, items):
        self.users, self.items = users, items

    def __len__(self):
        return len(self.users)

    def __getitem__(self, i):
        return {"user_id": self.users[i], "item_id": self.items[i]}


class PopRecommender(nn.Module):
    """Most-popular baseline: counts interactions, scores items by normalised popularity."""

    def __init__(self, n_items):
        super().__init__()
        self.register_buffer("item_cnt", torch.zeros(n_items, dtype=torch.long))
        self.fake_loss = nn.Parameter(torch.zeros(1))  # keeps optimizers / DDP wrappers happy

    def calculate_loss(self, interaction):
        item = interaction["item_id"]
        self.item_cnt.index_add_(0, item, torch.ones_like(item))
        return torch.zeros(1, device=item.device) + 0.0 * self.fake_loss

    def full_sort_predict(self, interaction):
        n_users = interaction["user_id"].size(0)
        scores = self.item_cnt.float() / self.item_cnt.max().clamp(min=1).float()
        return scores.unsqueeze(0).expand(n_users, -1)


def train_epoch(model, loader, optimizer):
    total_loss = torch.zeros(1, device=device)
    for batch in loader:
        interaction = {k: v.to(device) for k, v in batch.items()}
        loss = model.calculate_loss(interaction)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total_loss += loss.detach()
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        torch.distributed.all_reduce(total_loss)
    return total_loss.item()


@torch.no_grad()
def hit_at_k(model, users, held_out, k=10):
    scores = model.full_sort_predict({"user_id": users.to(device)})
    topk = scores.topk(k, dim=1).indices
    return (topk == held_out.to(device).unsqueeze(1)).any(dim=1).float().mean().item()


if __name__ == "__main__":
    n_users, n_items = 1000, 2000
    users = torch.randint(0, n_users, (20000,))
    items = torch.randint(0, n_items, (20000,))
    loader = DataLoader(Interactions(users, items), batch_size=2048, shuffle=True)
    model = PopRecommender(n_items).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.0)
    print("loss:", train_epoch(model, loader, optimizer))
    print("hit@10:", hit_at_k(model, torch.arange(100), torch.randint(0, n_items, (100,))))
