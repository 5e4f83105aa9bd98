# source: https://github.com/chenyuntc/pytorch-book/issues/122
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.LongTensor for argument #2 'target'
# pattern: loss-target-dtype
# shape: class, top-level
# bug-lines: 34, 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch as t
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


net = Net()
input = t.randn(1, 1, 32, 32)
output = net(input)
target = t.arange(0, 10).view(1, 10)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss)

net.zero_grad()
print("conv1.bias.grad before backward:", net.conv1.bias.grad)
loss.backward()
print("conv1.bias.grad after backward:", net.conv1.bias.grad)

learning_rate = 0.01
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)
