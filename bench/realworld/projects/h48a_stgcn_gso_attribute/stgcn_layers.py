# source: https://github.com/GestaltCogTeam/BasicTS/pull/53
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# bug-lines: 25, 33
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class TemporalConv(nn.Module):
    def __init__(self, c_in, c_out, kt=3):
        super().__init__()
        self.conv = nn.Conv2d(c_in, 2 * c_out, (kt, 1))

    def forward(self, x):
        p, q = self.conv(x).chunk(2, dim=1)
        return p * torch.sigmoid(q)


class GraphConv(nn.Module):
    def __init__(self, c_in, c_out, gso):
        super().__init__()
        self.gso = gso
        self.weight = nn.Parameter(torch.empty(c_in, c_out))
        self.bias = nn.Parameter(torch.zeros(c_out))
        nn.init.xavier_uniform_(self.weight)

    def forward(self, x):
        # x: (B, C, T, N) -> (B, T, N, C)
        x = torch.permute(x, (0, 2, 3, 1))
        first_mul = torch.einsum("hi,btij->bthj", self.gso, x)
        second_mul = torch.einsum("bthi,ij->bthj", first_mul, self.weight)
        return torch.permute(second_mul + self.bias, (0, 3, 1, 2))


class STConvBlock(nn.Module):
    def __init__(self, c_in, c_hidden, c_out, gso, n_vertex, dropout=0.3):
        super().__init__()
        self.tconv1 = TemporalConv(c_in, c_hidden)
        self.gconv = GraphConv(c_hidden, c_hidden, gso)
        self.tconv2 = TemporalConv(c_hidden, c_out)
        self.norm = nn.LayerNorm([n_vertex, c_out])
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = torch.relu(self.gconv(self.tconv1(x)))
        x = self.tconv2(x)
        x = self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        return self.drop(x)


class STGCN(nn.Module):
    def __init__(self, gso, n_vertex, n_hist=12, n_pred=12):
        super().__init__()
        self.block1 = STConvBlock(1, 32, 64, gso, n_vertex)
        self.block2 = STConvBlock(64, 32, 128, gso, n_vertex)
        t_left = n_hist - 4 * 2
        self.out = nn.Conv2d(128, n_pred, (t_left, 1))

    def forward(self, x):
        x = self.block2(self.block1(x))
        return self.out(x).squeeze(2)  # (B, n_pred, N)
