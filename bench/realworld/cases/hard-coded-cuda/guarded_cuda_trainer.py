# source: https://github.com/JoshVarty/AlphaZeroSimple/issues/7
# error: none (correct version of the shape)
# pattern: hard-coded-cuda
# shape: class
# looks-like: hard-coded-cuda
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class PolicyValueNet(nn.Module):
    def __init__(self, board_size, action_size):
        super().__init__()
        self.fc = nn.Linear(board_size, 32)
        self.pi = nn.Linear(32, action_size)
        self.v = nn.Linear(32, 1)

    def forward(self, x):
        h = F.relu(self.fc(x))
        return F.log_softmax(self.pi(h), dim=1), torch.tanh(self.v(h))


class NNetWrapper:
    def __init__(self, board_size, action_size, args):
        self.args = args
        self.use_cuda = args.get("cuda", False) and torch.cuda.is_available()
        self.nnet = PolicyValueNet(board_size, action_size)
        if self.use_cuda:
            self.nnet.cuda()

    def _prepare(self, boards, pis, vs):
        boards = torch.as_tensor(np.asarray(boards), dtype=torch.float32)
        target_pis = torch.as_tensor(np.asarray(pis), dtype=torch.float32)
        target_vs = torch.as_tensor(np.asarray(vs), dtype=torch.float32)
        if self.use_cuda:
            boards = boards.contiguous().cuda()
            target_pis = target_pis.contiguous().cuda()
            target_vs = target_vs.contiguous().cuda()
        return boards, target_pis, target_vs

    def train(self, examples):
        optimizer = torch.optim.Adam(self.nnet.parameters(), lr=1e-3)
        self.nnet.train()
        for epoch in range(self.args["epochs"]):
            for start in range(0, len(examples), self.args["batch_size"]):
                boards, pis, vs = zip(*examples[start:start + self.args["batch_size"]])
                boards, target_pis, target_vs = self._prepare(boards, pis, vs)
                out_pi, out_v = self.nnet(boards)
                loss = -(target_pis * out_pi).sum(1).mean() + F.mse_loss(out_v.view(-1), target_vs)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            print("epoch", epoch, loss.item())

    def predict(self, board):
        board = torch.as_tensor(board, dtype=torch.float32).view(1, -1)
        if self.use_cuda:
            board = board.cuda()
        self.nnet.eval()
        with torch.no_grad():
            log_pi, v = self.nnet(board)
        return torch.exp(log_pi).cpu().numpy()[0], v.item()


if __name__ == "__main__":
    rng = np.random.default_rng(1)
    examples = [(rng.integers(-1, 2, 4), rng.dirichlet(np.ones(4)), float(rng.choice([-1, 1]))) for _ in range(48)]
    wrapper = NNetWrapper(4, 4, {"cuda": True, "epochs": 2, "batch_size": 16})
    wrapper.train(examples)
    print(wrapper.predict(examples[0][0]))
