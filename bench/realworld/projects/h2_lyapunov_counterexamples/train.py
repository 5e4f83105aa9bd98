# source: https://github.com/YaChienChang/Neural-Lyapunov-Control/issues/4
# error: RuntimeError: expected scalar type Float but found Double
# pattern: float64-input
# shape: multi-file, helper
# bug-lines: 45, 61
# cpu: raises "mat1 and mat2 must have the same dtype, but got Double and Float"
# needs: torch, numpy

import torch
import torch.nn as nn

from functions import add_counterexamples, check_lyapunov, circle_targets


class Net(nn.Module):
    def __init__(self, n_input=2, n_hidden=6, n_output=1):
        super().__init__()
        self.layer1 = nn.Linear(n_input, n_hidden)
        self.layer2 = nn.Linear(n_hidden, n_output)
        self.control = nn.Linear(n_input, 1, bias=False)

    def forward(self, x):
        h = torch.tanh(self.layer1(x))
        v = torch.tanh(self.layer2(h))
        u = self.control(x)
        return v, u


def f_value(x, u):
    theta, omega = x[:, 0], x[:, 1]
    dtheta = omega
    domega = 9.81 * torch.sin(theta) - 0.1 * omega + u[:, 0]
    return torch.stack([dtheta, domega], dim=1)


N, D = 500, 2
torch.manual_seed(10)
x = torch.Tensor(N, D).uniform_(-6, 6).requires_grad_(True)
x_0 = torch.zeros([1, 2])
model = Net()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

i, max_iters, valid = 0, 60, False
while i < max_iters and not valid:
    V_candidate, u = model(x)
    X0, u0 = model(x_0)
    f = f_value(x, u)
    grad_v = torch.autograd.grad(V_candidate.sum(), x, create_graph=True)[0]
    L_V = (grad_v * f).sum(dim=1)
    loss = torch.relu(-V_candidate).mean() + torch.relu(L_V + 0.5).mean() + X0.pow(2).sum()
    loss = loss + (circle_targets(x) - V_candidate).pow(2).mean() * 0.1
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if i % 20 == 0:
        ce = check_lyapunov(model, f_value, 0.5, 6.0, epsilon=0.0)
        if ce is None:
            valid = True
        else:
            print("Found counterexample:", ce)
            x = add_counterexamples(x.detach(), ce, 10).requires_grad_(True)
    i += 1
