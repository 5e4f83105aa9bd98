# source: https://github.com/munkai/pytorch-tutorial/issues/1
# error: RuntimeError: Expected object of type torch.FloatTensor but found type torch.LongTensor for argument #2 'target'
# pattern: loss-target-dtype
# shape: helper, top-level
# looks-like: loss-target-dtype
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.conv2 = nn.Conv2d(6, 16, 3)
        self.fc1 = nn.Linear(16 * 6 * 6, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 16 * 6 * 6)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def regression_loss(net, input):
    output = net(input)
    target = torch.arange(1, 11, dtype=torch.float32)  # a dummy target, for example
    criterion = nn.MSELoss()
    return criterion(output.squeeze(), target)


def classification_loss(net, input):
    output = net(input)
    label = torch.arange(0, input.size(0)) % 10
    return nn.CrossEntropyLoss()(output, label)


net = Net()
input = torch.randn(1, 1, 32, 32)
loss = regression_loss(net, input)
print(loss)
print(loss.grad_fn, loss.grad_fn.next_functions[0][0])

net.zero_grad()
loss.backward()
print("conv1.bias.grad after backward", net.conv1.bias.grad)

batch = torch.randn(4, 1, 32, 32)
ce = classification_loss(net, batch)
ce.backward()
print(ce.item())
