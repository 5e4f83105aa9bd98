# source: https://github.com/rish-16/tokenlearner-pytorch/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# bug-lines: 37, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SpatialAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(2, 1, kernel_size=(1, 1), stride=1),
            nn.BatchNorm2d(1),
            nn.ReLU(),
        )
        self.sgap = nn.AvgPool2d(2)

    def forward(self, x):
        b, c, h, w = x.shape
        mx = torch.max(x, 1)[0].unsqueeze(1)
        avg = torch.mean(x, 1).unsqueeze(1)
        combined = torch.cat([mx, avg], dim=1)
        fmap = self.conv(combined)
        weight_map = torch.sigmoid(fmap)
        out = (x * weight_map).mean(dim=(-2, -1))
        return out, x * weight_map


class TokenLearner(nn.Module):
    def __init__(self, S):
        super().__init__()
        self.S = S
        self.tokenizers = [SpatialAttention() for _ in range(S)]

    def forward(self, x):
        b, c, h, w = x.shape
        tokens = []
        for tokenizer in self.tokenizers:
            _, weighted = tokenizer(x)
            tokens.append(weighted.flatten(2).mean(-1))
        return torch.stack(tokens, dim=1)
