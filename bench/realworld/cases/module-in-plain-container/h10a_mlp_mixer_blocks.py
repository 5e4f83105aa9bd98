# source: https://github.com/xmu-xiaoma666/External-Attention-pytorch/issues/94
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-in-plain-container
# shape: class
# bug-lines: 43, 45
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
from torch import nn


class MlpBlock(nn.Module):
    def __init__(self, input_dim, mlp_dim=512):
        super().__init__()
        self.fc1 = nn.Linear(input_dim, mlp_dim)
        self.gelu = nn.GELU()
        self.fc2 = nn.Linear(mlp_dim, input_dim)

    def forward(self, x):
        return self.fc2(self.gelu(self.fc1(x)))


class MixerBlock(nn.Module):
    def __init__(self, tokens_mlp_dim=16, channels_mlp_dim=1024, tokens_hidden_dim=32, channels_hidden_dim=1024):
        super().__init__()
        self.ln = nn.LayerNorm(channels_mlp_dim)
        self.tokens_mlp_block = MlpBlock(tokens_mlp_dim, mlp_dim=tokens_hidden_dim)
        self.channels_mlp_block = MlpBlock(channels_mlp_dim, mlp_dim=channels_hidden_dim)

    def forward(self, x):
        y = self.ln(x).transpose(1, 2)
        out = x + self.tokens_mlp_block(y).transpose(1, 2)
        return out + self.channels_mlp_block(self.ln(out))


class MlpMixer(nn.Module):
    def __init__(self, num_classes, num_blocks, patch_size, tokens_hidden_dim, channels_hidden_dim,
                 tokens_mlp_dim, channels_mlp_dim):
        super().__init__()
        self.patch_size = patch_size
        self.embd = nn.Conv2d(3, channels_mlp_dim, kernel_size=patch_size, stride=patch_size)
        self.ln = nn.LayerNorm(channels_mlp_dim)
        self.mlp_blocks = []
        for _ in range(num_blocks):
            self.mlp_blocks.append(MixerBlock(tokens_mlp_dim, channels_mlp_dim, tokens_hidden_dim, channels_hidden_dim))
        self.fc = nn.Linear(channels_mlp_dim, num_classes)

    def forward(self, x):
        y = self.embd(x)
        bs, c, h, w = y.shape
        y = y.view(bs, c, -1).transpose(1, 2)
        for block in self.mlp_blocks:
            y = block(y)
        y = self.ln(y)
        y = torch.mean(y, dim=1, keepdim=False)
        return self.fc(y)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    mlp_mixer = MlpMixer(num_classes=1000, num_blocks=10, patch_size=10, tokens_hidden_dim=32,
                         channels_hidden_dim=1024, tokens_mlp_dim=16, channels_mlp_dim=1024).to(device)
    optimizer = torch.optim.SGD(mlp_mixer.parameters(), lr=0.01)
    images = torch.randn(50, 3, 40, 40, device=device)
    logits = mlp_mixer(images)
    print(logits.shape)
