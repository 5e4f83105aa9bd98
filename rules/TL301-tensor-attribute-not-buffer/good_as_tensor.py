import torch
import torch.nn as nn


class TemperatureHead(nn.Module):
    def __init__(self, hidden, classes, low, high):
        super().__init__()
        self.fc = nn.Linear(hidden, classes)
        # a number taken in with as_tensor is a 0-dim tensor: it mixes with tensors
        # on any device
        self.temperature = torch.as_tensor(0.07)
        self.margin = torch.as_tensor(-1)
        # arrays registered as buffers move with the module
        self.register_buffer("low", torch.as_tensor(low, dtype=torch.float32), persistent=False)
        self.register_buffer("high", torch.as_tensor(high, dtype=torch.float32), persistent=False)

    def forward(self, h):
        logits = self.fc(h) / self.temperature + self.margin
        return logits.clamp(self.low.min(), self.high.max())
