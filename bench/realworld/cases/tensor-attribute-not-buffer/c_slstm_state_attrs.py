# source: https://github.com/styalai/xLSTM-pytorch/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 23, 24, 25, 26
# cpu: clean
# needs: torch
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class sLSTMblock(nn.Module):
    def __init__(self, x_example, dropout=0.1):
        super().__init__()
        self.input_size = x_example.shape[2]
        self.ln = nn.LayerNorm(self.input_size)
        self.gates = nn.Linear(self.input_size * 2, self.input_size * 4)
        self.drop = nn.Dropout(dropout)
        self.init_states(x_example)

    def init_states(self, x_example):
        self.nt_1 = torch.zeros(1, x_example.shape[2], device=x_example.device)
        self.ct_1 = torch.zeros(1, x_example.shape[2], device=x_example.device)
        self.ht_1 = torch.zeros(1, x_example.shape[2], device=x_example.device)
        self.mt_1 = torch.zeros(1, x_example.shape[2], device=x_example.device)

    def step(self, xt):
        h = self.ht_1.expand(xt.size(0), -1)
        z, i, f, o = self.gates(torch.cat([xt, h], dim=-1)).chunk(4, dim=-1)
        mt = torch.max(f + self.mt_1, i)
        i = torch.exp(i - mt)
        f = torch.exp(f + self.mt_1 - mt)
        ct = f * self.ct_1 + i * torch.tanh(z)
        nt = f * self.nt_1 + i
        ht = torch.sigmoid(o) * ct / nt
        self.ct_1, self.nt_1 = ct.mean(0, keepdim=True).detach(), nt.mean(0, keepdim=True).detach()
        self.ht_1, self.mt_1 = ht.mean(0, keepdim=True).detach(), mt.mean(0, keepdim=True).detach()
        return ht

    def forward(self, x):
        x = self.ln(x)
        outs = [self.step(x[:, t]) for t in range(x.size(1))]
        return self.drop(torch.stack(outs, dim=1))


class xLSTM(nn.Module):
    def __init__(self, x_example, n_classes):
        super().__init__()
        self.block = sLSTMblock(x_example)
        self.head = nn.Linear(x_example.shape[2], n_classes)

    def forward(self, x):
        return self.head(self.block(x)[:, -1])


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    x_example = torch.zeros(4, 10, 16)
    model = xLSTM(x_example, n_classes=3).to(device)
    data = TensorDataset(torch.randn(32, 10, 16), torch.randint(0, 3, (32,)))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for x, y in DataLoader(data, batch_size=4):
        x, y = x.to(device), y.to(device)
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(loss.item())
