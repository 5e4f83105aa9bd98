# source: https://github.com/LAMDA-CL/PyCIL/issues/60
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0! (when checking argument for argument tensors in method wrapper_cat)
# pattern: current-gpu-mismatch
# shape: class, loader-loop
# bug-lines: 43, 44, 45
# cpu: no needs two GPUs
# needs: torch
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset


class ExpandableNet(nn.Module):
    """One backbone per task; the old classifier is zero-padded to the widened feature."""

    def __init__(self, in_dim=20, out_dim=16):
        super().__init__()
        self.in_dim, self.out_dim = in_dim, out_dim
        self.convnets = nn.ModuleList()
        self.old_fc = None
        self.new_fc = None
        self.task_sizes = []

    @property
    def feature_dim(self):
        return self.out_dim * len(self.convnets)

    def update_fc(self, nb_classes):
        new_task_size = nb_classes - sum(self.task_sizes)
        self.convnets.append(nn.Sequential(nn.Linear(self.in_dim, self.out_dim), nn.ReLU()))
        if self.new_fc is not None:
            self.old_fc = nn.Linear(self.feature_dim - self.out_dim, sum(self.task_sizes))
        self.new_fc = nn.Linear(self.out_dim, new_task_size)
        self.task_sizes.append(new_task_size)

    def forward(self, x):
        features = torch.cat([net(x) for net in self.convnets], 1)
        if self.old_fc is None:
            return {"logits": self.new_fc(features)}
        new_task_size = self.task_sizes[-1]
        pad = self.feature_dim - self.out_dim
        fc_weight = torch.cat([self.old_fc.weight,
                               torch.zeros((new_task_size, pad)).cuda()], dim=0)
        new_w = torch.cat([torch.zeros((sum(self.task_sizes[:-1]), self.out_dim)).cuda(),
                           self.new_fc.weight], dim=0)
        fc_weight = torch.cat([fc_weight, new_w], dim=1)
        fc_bias = torch.cat([self.old_fc.bias, self.new_fc.bias])
        return {"logits": features @ fc_weight.t() + fc_bias}


class Learner:
    def __init__(self, args):
        self._device = args["device"][0]
        self._network = ExpandableNet()
        self._total_classes = 0

    def incremental_train(self, loader, increment):
        self._total_classes += increment
        self._network.update_fc(self._total_classes)
        self._network.to(self._device)
        opt = torch.optim.SGD(self._network.parameters(), lr=0.1)
        for inputs, targets in loader:
            inputs = inputs.to(self._device, non_blocking=True)
            targets = targets.to(self._device, non_blocking=True)
            logits = self._network(inputs)["logits"]
            loss = F.cross_entropy(logits, targets)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    args = {"device": [torch.device("cuda:1")]}
    learner = Learner(args)
    for task in range(2):
        x = torch.randn(64, 20)
        y = torch.randint(0, 5 * (task + 1), (64,))
        learner.incremental_train(DataLoader(TensorDataset(x, y), batch_size=16), increment=5)
