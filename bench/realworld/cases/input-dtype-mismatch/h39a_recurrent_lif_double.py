# source: https://github.com/jeshraghian/snntorch/issues/421 https://github.com/jeshraghian/snntorch/pull/432
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Double
# pattern: input-dtype-mismatch
# shape: class, loader-loop
# bug-lines: 18, 37, 56
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class ATanSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, mem_shift):
        ctx.save_for_backward(mem_shift)
        return (mem_shift > 0).float()

    @staticmethod
    def backward(ctx, grad_output):
        (mem_shift,) = ctx.saved_tensors
        return grad_output / (1 + (np.pi * mem_shift) ** 2)


class RecurrentLIF(nn.Module):
    def __init__(self, n, beta=0.9, threshold=1.0):
        super().__init__()
        self.recurrent = nn.Linear(n, n)
        self.beta = beta
        self.threshold = threshold

    def init_state(self, x):
        return torch.zeros_like(x), torch.zeros_like(x)

    def forward(self, x, spk, mem):
        mem = self.beta * mem + x + self.recurrent(spk)
        spk = ATanSpike.apply(mem - self.threshold)
        mem = mem - spk * self.threshold
        return spk, mem


class SpikingClassifier(nn.Module):
    def __init__(self, n_in=700, n_hidden=256, n_out=20):
        super().__init__()
        self.fc_in = nn.Linear(n_in, n_hidden)
        self.lif = RecurrentLIF(n_hidden)
        self.fc_out = nn.Linear(n_hidden, n_out)

    def forward(self, x_seq):  # x_seq: (time, batch, n_in)
        cur = self.fc_in(x_seq[0])
        spk, mem = self.lif.init_state(cur)
        counts = 0
        for t in range(x_seq.shape[0]):
            spk, mem = self.lif(self.fc_in(x_seq[t]), spk, mem)
            counts = counts + self.fc_out(spk)
        return counts / x_seq.shape[0]


if __name__ == "__main__":
    x = torch.from_numpy(np.load("shd_binned_train.npy"))  # float64, (N, T, 700)
    y = torch.from_numpy(np.load("shd_labels_train.npy")).long()
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
    net = SpikingClassifier().double()
    opt = torch.optim.Adam(net.parameters(), lr=2e-4)
    loss_fn = nn.CrossEntropyLoss()
    for data, target in loader:
        out = net(data.transpose(0, 1))
        loss = loss_fn(out, target)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"loss {loss.item():.4f}")
