# source: https://github.com/moment-timeseries-foundation-model/moment/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# shape: class, loader-loop
# looks-like: module-added-after-placement
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class Encoder(nn.Module):
    def __init__(self, seq_len=64, d_model=64):
        super().__init__()
        self.proj = nn.Linear(seq_len, d_model)

    def forward(self, x):  # [batch, channels, seq]
        return torch.relu(self.proj(x))


class ClassificationPipeline(nn.Module):
    def __init__(self, n_channels, num_class):
        super().__init__()
        self.n_channels, self.num_class = n_channels, num_class
        self.encoder = Encoder()
        self.head = nn.Identity()

    def init(self):
        # the task head is created next to the encoder it reads from
        ref = next(self.encoder.parameters())
        self.head = nn.Linear(64 * self.n_channels, self.num_class, device=ref.device, dtype=ref.dtype)

    def forward(self, x):
        return self.head(self.encoder(x).flatten(1))


def get_logits(model, loader, device):
    out = []
    with torch.no_grad():
        for batch_x, _ in loader:
            out.append(model(batch_x.to(device).float()).cpu().numpy())
    return np.concatenate(out)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = ClassificationPipeline(n_channels=3, num_class=2).to(device).float()
    model.init()
    model.eval()
    loader = DataLoader(TensorDataset(torch.randn(12, 3, 64), torch.randint(0, 2, (12,))), batch_size=4)
    print(get_logits(model, loader, device).shape)
