# source: https://github.com/Lightning-AI/pytorch-lightning/issues/2623
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 20
# cpu: clean
# needs: torch
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class Conv1DClassifier(nn.Module):
    def __init__(self, num_classes, encoder_out_channels=16, kernel_size=4, stride=4):
        super().__init__()
        n_layers = int(math.log2(encoder_out_channels))
        self.conv_layers = []
        for layer_idx in range(n_layers):
            self.conv_layers.append(
                nn.Conv1d(2 ** layer_idx, 2 ** (layer_idx + 1), kernel_size=kernel_size, stride=stride)
            )
        self.fc1 = nn.Linear(encoder_out_channels, 32)
        self.fc2 = nn.Linear(32, num_classes)

    def forward(self, x):
        for conv_layer in self.conv_layers:
            x = F.relu(conv_layer(x))
        x = x.mean(dim=-1)
        return self.fc2(F.relu(self.fc1(x)))


class LitWrapper:
    def __init__(self, model, lr=1e-3):
        self.model = model
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def training_step(self, batch):
        x, y = batch
        loss = F.cross_entropy(self.model(x), y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Conv1DClassifier(num_classes=4).to(device)
    lit = LitWrapper(model)
    data = TensorDataset(torch.randn(32, 1, 1024), torch.randint(0, 4, (32,)))
    for x, y in DataLoader(data, batch_size=8):
        loss = lit.training_step((x.to(device), y.to(device)))
    print(loss.item())
