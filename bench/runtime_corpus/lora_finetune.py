# source: https://github.com/microsoft/LoRA/blob/main/loralib/layers.py (lora.Linear) and
#   https://github.com/microsoft/LoRA/blob/main/loralib/utils.py (mark_only_lora_as_trainable,
#   lora_state_dict), as the README uses them to fine-tune
# what: a LoRA fine-tune in plain torch: a pretrained MLP whose Linear layers are
#   replaced by LoRA layers (frozen weight, trainable lora_A/lora_B made in __init__)
#   BEFORE the model goes to the GPU, only the LoRA parameters trained, eval() merging
#   the update into the weight, the LoRA state dict saved alone.
# shrunk: a 2-layer MLP of width 32, rank 4, 3 steps on random data.
import math
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F


class LoRALinear(nn.Linear):
    def __init__(self, in_features, out_features, r=4, lora_alpha=8, **kwargs):
        nn.Linear.__init__(self, in_features, out_features, **kwargs)
        self.r, self.scaling, self.merged = r, lora_alpha / r, False
        self.lora_A = nn.Parameter(self.weight.new_zeros((r, in_features)))
        self.lora_B = nn.Parameter(self.weight.new_zeros((out_features, r)))
        self.weight.requires_grad = False
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B)

    def train(self, mode=True):
        nn.Linear.train(self, mode)
        if mode and self.merged:
            self.weight.data -= (self.lora_B @ self.lora_A) * self.scaling
            self.merged = False
        elif not mode and not self.merged:
            self.weight.data += (self.lora_B @ self.lora_A) * self.scaling
            self.merged = True
        return self

    def forward(self, x):
        result = F.linear(x, self.weight, bias=self.bias)
        if not self.merged:
            result = (
                result
                + (x @ self.lora_A.transpose(0, 1) @ self.lora_B.transpose(0, 1)) * self.scaling
            )
        return result


def mark_only_lora_as_trainable(model):
    for n, p in model.named_parameters():
        if "lora_" not in n:
            p.requires_grad = False


def lora_state_dict(model):
    return {k: v for k, v in model.state_dict().items() if "lora_" in k}


class MLP(nn.Module):
    def __init__(self, linear=nn.Linear):
        super().__init__()
        self.fc1 = linear(16, 32)
        self.fc2 = linear(32, 4)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
pretrained = MLP().state_dict()
model = MLP(linear=LoRALinear)
model.load_state_dict(pretrained, strict=False)
mark_only_lora_as_trainable(model)
model.to(device)
optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
x, y = torch.randn(24, 16), torch.randint(0, 4, (24,))
for step in range(3):
    xb, yb = x[step * 8 : (step + 1) * 8].to(device), y[step * 8 : (step + 1) * 8].to(device)
    loss = F.cross_entropy(model(xb), yb)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item():.4f}")
model.eval()
with torch.no_grad():
    print(model(x[:4].to(device)).argmax(-1).cpu().tolist())
torch.save(lora_state_dict(model), os.path.join(tempfile.gettempdir(), "lora.pt"))
