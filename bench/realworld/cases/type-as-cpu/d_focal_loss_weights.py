# source: https://github.com/mathiaszinnen/focal_loss_torch/pull/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, loader-loop
# bug-lines: 19, 33
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.nn.functional import one_hot
from torch.utils.data import DataLoader, TensorDataset


class FocalLoss(nn.Module):
    def __init__(self, gamma, weights=None, eps=1e-16):
        super().__init__()
        self.gamma = gamma
        self.eps = eps
        self.weights = weights

    def _get_weights(self, target):
        if self.weights is None:
            return target.sum(dim=-1)
        return (target * self.weights).sum(dim=-1)

    def _calc_pt(self, target, x):
        return (target * x).sum(dim=-1)

    def forward(self, x, target):
        if x.dim() == 1:
            x = torch.stack([1 - x, x], dim=-1)
        num_classes = x.shape[-1]
        target = one_hot(target.view(-1), num_classes=num_classes).type_as(self.weights)
        weights = self._get_weights(target)
        pt = self._calc_pt(target, x)
        nll = -torch.log(self.eps + pt)
        loss = weights * (1 - pt) ** self.gamma * nll
        return loss.sum() / weights.sum()


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        probs = model(x).softmax(-1)
        loss = criterion(probs, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    ds = TensorDataset(torch.randn(64, 10), torch.randint(0, 4, (64,)))
    model = nn.Linear(10, 4).to(device)
    criterion = FocalLoss(gamma=2.0, weights=torch.tensor([1.0, 2.0, 2.0, 0.5]))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    print(train_epoch(model, DataLoader(ds, batch_size=16), criterion, opt, device))
