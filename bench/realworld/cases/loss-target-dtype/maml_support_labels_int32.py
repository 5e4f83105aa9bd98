# source: https://github.com/dragen1860/MAML-Pytorch/issues/45
# error: RuntimeError: Expected object of scalar type Long but got scalar type Int for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, helper
# bug-lines: 28, 47, 66
# cpu: raises "expected target dtype to be Long or Byte, but got Int"
# needs: torch, numpy
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call


class OmniglotNShot:
    """Samples N-way K-shot episodes as numpy arrays."""

    def __init__(self, n_way, k_spt, k_qry, task_num, imgsz=14):
        self.n_way, self.k_spt, self.k_qry = n_way, k_spt, k_qry
        self.task_num, self.imgsz = task_num, imgsz

    def next(self):
        shape = (self.task_num, self.n_way * self.k_spt, 1, self.imgsz, self.imgsz)
        x_spt = np.random.rand(*shape).astype(np.float32)
        x_qry = np.random.rand(self.task_num, self.n_way * self.k_qry, 1, self.imgsz, self.imgsz).astype(np.float32)
        y_spt = np.repeat(np.arange(self.n_way), self.k_spt)[None].repeat(self.task_num, 0).astype(np.int32)
        y_qry = np.repeat(np.arange(self.n_way), self.k_qry)[None].repeat(self.task_num, 0).astype(np.int32)
        return x_spt, y_spt, x_qry, y_qry


class Meta(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.update_lr, self.update_step = args.update_lr, args.update_step
        self.net = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                                 nn.Flatten(), nn.Linear(8, args.n_way))
        self.meta_optim = torch.optim.Adam(self.net.parameters(), lr=args.meta_lr)

    def forward(self, x_spt, y_spt, x_qry, y_qry):
        task_num = x_spt.size(0)
        losses_q = 0
        params = dict(self.net.named_parameters())
        for i in range(task_num):
            logits = functional_call(self.net, params, (x_spt[i],))
            loss = F.cross_entropy(logits, y_spt[i])
            grad = torch.autograd.grad(loss, list(params.values()))
            fast_weights = {n: p - self.update_lr * g for (n, p), g in zip(params.items(), grad)}
            logits_q = functional_call(self.net, fast_weights, (x_qry[i],))
            losses_q = losses_q + F.cross_entropy(logits_q, y_qry[i])
        self.meta_optim.zero_grad()
        (losses_q / task_num).backward()
        self.meta_optim.step()
        return losses_q.item() / task_num


def main(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    maml = Meta(args).to(device)
    db_train = OmniglotNShot(args.n_way, args.k_spt, args.k_qry, args.task_num)
    for step in range(2):
        x_spt, y_spt, x_qry, y_qry = db_train.next()
        x_spt, y_spt = torch.from_numpy(x_spt).to(device), torch.from_numpy(y_spt).to(device)
        x_qry, y_qry = torch.from_numpy(x_qry).to(device), torch.from_numpy(y_qry).to(device)
        print(step, maml(x_spt, y_spt, x_qry, y_qry))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n_way", type=int, default=5)
    parser.add_argument("--k_spt", type=int, default=1)
    parser.add_argument("--k_qry", type=int, default=3)
    parser.add_argument("--task_num", type=int, default=2)
    parser.add_argument("--meta_lr", type=float, default=1e-3)
    parser.add_argument("--update_lr", type=float, default=0.4)
    parser.add_argument("--update_step", type=int, default=1)
    main(parser.parse_args())
