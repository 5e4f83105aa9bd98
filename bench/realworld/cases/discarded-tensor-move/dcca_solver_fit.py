# source: https://github.com/Michaelvll/DeepCCA/issues/17
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: discarded-tensor-move
# shape: class, loader-loop
# bug-lines: 38, 39, 41, 42
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import BatchSampler, RandomSampler


class DeepCCA(nn.Module):
    def __init__(self, in1, in2, outdim):
        super().__init__()
        self.model1 = nn.Sequential(nn.Linear(in1, 64), nn.Sigmoid(), nn.Linear(64, outdim))
        self.model2 = nn.Sequential(nn.Linear(in2, 64), nn.Sigmoid(), nn.Linear(64, outdim))

    def forward(self, x1, x2):
        return self.model1(x1), self.model2(x2)

    @staticmethod
    def loss(o1, o2):
        o1 = (o1 - o1.mean(0)) / (o1.std(0) + 1e-6)
        o2 = (o2 - o2.mean(0)) / (o2.std(0) + 1e-6)
        return -(o1 * o2).mean()


class Solver:
    def __init__(self, model, epoch_num, batch_size, learning_rate, device=torch.device("cpu")):
        self.model = model
        self.model.to(device)
        self.epoch_num, self.batch_size, self.device = epoch_num, batch_size, device
        self.optimizer = torch.optim.RMSprop(self.model.parameters(), lr=learning_rate)

    def fit(self, x1, x2, vx1=None, vx2=None):
        x1.to(self.device)
        x2.to(self.device)
        if vx1 is not None:
            vx1.to(self.device)
            vx2.to(self.device)
        data_size = x1.size(0)
        for epoch in range(self.epoch_num):
            self.model.train()
            train_losses = []
            for batch_idx in BatchSampler(RandomSampler(range(data_size)), self.batch_size, drop_last=False):
                self.optimizer.zero_grad()
                o1, o2 = self.model(x1[batch_idx, :], x2[batch_idx, :])
                loss = self.model.loss(o1, o2)
                train_losses.append(loss.item())
                loss.backward()
                self.optimizer.step()
            if vx1 is not None:
                with torch.no_grad():
                    self.model.eval()
                    val_loss = self.model.loss(*self.model(vx1, vx2)).item()
                print(f"epoch {epoch}: train {np.mean(train_losses):.4f} val {val_loss:.4f}")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    solver = Solver(DeepCCA(784, 784, 10), epoch_num=2, batch_size=32, learning_rate=1e-3, device=device)
    train1, train2 = torch.randn(128, 784), torch.randn(128, 784)
    val1, val2 = torch.randn(32, 784), torch.randn(32, 784)
    solver.fit(train1, train2, val1, val2)
