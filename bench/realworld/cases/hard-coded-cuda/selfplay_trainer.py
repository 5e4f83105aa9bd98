# source: https://github.com/JoshVarty/AlphaZeroSimple/issues/7
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class
# bug-lines: 62, 63, 64
# cpu: raises "Torch not compiled with CUDA enabled"
# needs: torch, numpy
from random import shuffle

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class Connect2Net(nn.Module):
    def __init__(self, board_size, action_size, device):
        super().__init__()
        self.device = device
        self.size = board_size
        self.fc1 = nn.Linear(board_size, 16)
        self.fc2 = nn.Linear(16, 16)
        self.action_head = nn.Linear(16, action_size)
        self.value_head = nn.Linear(16, 1)
        self.to(device)

    def forward(self, x):
        x = F.relu(self.fc2(F.relu(self.fc1(x))))
        return F.softmax(self.action_head(x), dim=1), torch.tanh(self.value_head(x))

    def predict(self, board):
        board = torch.FloatTensor(board.astype(np.float32)).to(self.device).view(1, self.size)
        self.eval()
        with torch.no_grad():
            pi, v = self.forward(board)
        return pi.cpu().numpy()[0], v.cpu().numpy()[0]


class Trainer:
    def __init__(self, model, args):
        self.model = model
        self.args = args

    def loss_pi(self, targets, outputs):
        return -(targets * torch.log(outputs + 1e-8)).sum(dim=1).mean()

    def loss_v(self, targets, outputs):
        return ((targets - outputs.view(-1)) ** 2).mean()

    def train(self, examples):
        optimizer = optim.Adam(self.model.parameters(), lr=5e-4)
        for epoch in range(self.args["epochs"]):
            self.model.train()
            shuffle(examples)
            for start in range(0, len(examples) - self.args["batch_size"] + 1, self.args["batch_size"]):
                boards, pis, vs = zip(*examples[start:start + self.args["batch_size"]])
                boards = torch.FloatTensor(np.array(boards).astype(np.float64))
                target_pis = torch.FloatTensor(np.array(pis))
                target_vs = torch.FloatTensor(np.array(vs).astype(np.float64))

                boards = boards.contiguous().cuda()
                target_pis = target_pis.contiguous().cuda()
                target_vs = target_vs.contiguous().cuda()

                out_pi, out_v = self.model(boards)
                total_loss = self.loss_pi(target_pis, out_pi) + self.loss_v(target_vs, out_v)
                optimizer.zero_grad()
                total_loss.backward()
                optimizer.step()
            print("epoch", epoch, total_loss.item())


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = Connect2Net(board_size=4, action_size=4, device=device)
    rng = np.random.default_rng(0)
    examples = [(rng.integers(-1, 2, 4), rng.dirichlet(np.ones(4)), float(rng.choice([-1, 1]))) for _ in range(64)]
    print(net.predict(examples[0][0]))
    Trainer(net, {"epochs": 2, "batch_size": 16}).train(examples)
