# source: https://github.com/bm2-lab/PanPep/issues/10
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, class
# bug-lines: 35
# needs: torch
# cpu: no written where torch was not installed; not run
"""Meta-learner with a peptide-keyed memory of task-specific TCR-binding heads."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Learner(nn.Module):
    def __init__(self, in_dim=75 * 5, hidden=64):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, 2)

    def forward(self, x, weights=None):
        if weights is None:
            return self.fc2(F.relu(self.fc1(x.flatten(1))))
        w1, b1, w2, b2 = weights
        return F.linear(F.relu(F.linear(x.flatten(1), w1, b1)), w2, b2)


class MemoryMeta(nn.Module):
    def __init__(self, args, config):
        super().__init__()
        self.update_lr = args.update_lr
        self.update_step = args.update_step
        self.net = Learner(config["in_dim"], config["hidden"])
        self.key_proj = nn.Linear(config["peptide_dim"], config["key_dim"])
        # flattened adapted weights of every task seen so far
        self.models = torch.Tensor().cuda()
        self.keys = []

    def adapt(self, x_spt, y_spt):
        weights = list(self.net.parameters())
        for _ in range(self.update_step):
            loss = F.cross_entropy(self.net(x_spt, weights), y_spt)
            grads = torch.autograd.grad(loss, weights)
            weights = [w - self.update_lr * g for w, g in zip(weights, grads)]
        return weights

    def write_memory(self, peptide, x_spt, y_spt):
        flat = torch.cat([w.detach().flatten() for w in self.adapt(x_spt, y_spt)])
        self.models = torch.cat([self.models, flat.unsqueeze(0)], dim=0)
        self.keys.append(self.key_proj(peptide).detach())

    def meta_forward_score(self, peptide, x_qry):
        query = self.key_proj(peptide)
        attn = torch.softmax(torch.stack([k @ query for k in self.keys]), dim=0)
        flat = (attn.unsqueeze(-1) * self.models).sum(0)
        shapes = [p.shape for p in self.net.parameters()]
        weights, offset = [], 0
        for s in shapes:
            n = s.numel()
            weights.append(flat[offset:offset + n].view(s))
            offset += n
        return torch.softmax(self.net(x_qry, weights), dim=-1)[:, 1]
