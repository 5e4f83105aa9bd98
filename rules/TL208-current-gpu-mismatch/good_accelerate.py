import torch
import torch.nn as nn
from accelerate import Accelerator

# accelerate runs one process per GPU and makes it the current one: `.cuda()` and
# `accelerator.device` name the same GPU.
accelerator = Accelerator()
model = nn.Linear(16, 2).to(accelerator.device)
x = torch.randn(8, 16).cuda()
model(x)
