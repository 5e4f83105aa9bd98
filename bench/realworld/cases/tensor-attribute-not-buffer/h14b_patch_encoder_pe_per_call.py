# source: https://github.com/Clay-foundation/model/pull/109
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop, batch-dict
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def sincos_table(length, dim, temperature=10000.0):
    freqs = temperature ** -(torch.arange(dim // 2) / (dim // 2 - 1))
    angles = torch.arange(length).reshape(-1, 1) * freqs.reshape(1, -1)
    return torch.cat([angles.sin(), angles.cos()], dim=1)


class PatchEncoder(nn.Module):
    def __init__(self, in_ch=6, patch=16, image_size=128, dim=192, depth=4):
        super().__init__()
        self.to_tokens = nn.Conv2d(in_ch, dim, kernel_size=patch, stride=patch)
        # fixed sin/cos table, kept out of the state_dict
        self.pos_encoding = sincos_table((image_size // patch) ** 2, dim)
        layer = nn.TransformerEncoderLayer(dim, 6, dim * 4, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)
        self.norm = nn.LayerNorm(dim)

    def forward(self, pixels):
        tokens = self.to_tokens(pixels).flatten(2).transpose(1, 2)  # [B, L, D]
        pos = self.pos_encoding.to(device=tokens.device, dtype=tokens.dtype)
        return self.norm(self.blocks(tokens + pos))


class Probe(nn.Module):
    def __init__(self, encoder, num_classes):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.norm.normalized_shape[0], num_classes)

    def forward(self, batch):
        return self.head(self.encoder(batch["pixels"]).mean(dim=1))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Probe(PatchEncoder(), num_classes=10).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    data = TensorDataset(torch.randn(256, 6, 128, 128), torch.randint(0, 10, (256,)))
    for pixels, labels in DataLoader(data, batch_size=32, shuffle=True):
        batch = {"pixels": pixels.to(device), "labels": labels.to(device)}
        loss = nn.functional.cross_entropy(model(batch), batch["labels"])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"last loss {loss.item():.4f}")
