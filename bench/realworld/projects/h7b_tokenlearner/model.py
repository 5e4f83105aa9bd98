# source: https://github.com/rish-16/tokenlearner-pytorch/issues/5
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from tokenlearner import TokenLearner


class TokenLearnerViT(nn.Module):
    def __init__(self, num_classes=10, dim=192, num_tokens=8, depth=4, heads=3):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, dim, kernel_size=4, stride=4),
            nn.GELU(),
        )
        self.token_learner = TokenLearner(S=num_tokens)
        self.pos = nn.Parameter(torch.zeros(1, num_tokens, dim))
        layer = nn.TransformerEncoderLayer(dim, heads, dim * 4, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, depth)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, images):
        fmap = self.stem(images)
        tokens = self.token_learner(fmap) + self.pos
        tokens = self.encoder(tokens)
        return self.head(self.norm(tokens).mean(dim=1))
