# source: https://github.com/AshleyLab/OpenMHC/issues/10
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run

import math

import torch
import torch.nn as nn


def build_1d_sincos_pos_embed(n_positions, dim):
    position = torch.arange(n_positions, dtype=torch.float32).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    pe = torch.zeros(n_positions, dim)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe.unsqueeze(0)


class SensorViT1D(nn.Module):
    """Masked autoencoder over patched wearable-sensor sequences."""

    def __init__(self, n_channels=8, patch_len=16, n_patches=171, embed_dim=384, decoder_dim=192):
        super().__init__()
        self.patch_embed = nn.Linear(n_channels * patch_len, embed_dim)
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(embed_dim, 6, batch_first=True), num_layers=4)
        self.decoder_embed = nn.Linear(embed_dim, decoder_dim)
        self.decoder_pred = nn.Linear(decoder_dim, n_channels * patch_len)
        self.register_buffer("pos_embed", build_1d_sincos_pos_embed(n_patches, embed_dim),
                             persistent=False)
        self.register_buffer("decoder_pos_embed", build_1d_sincos_pos_embed(n_patches, decoder_dim),
                             persistent=False)

    def forward(self, patches):  # patches: (B, n_patches, n_channels * patch_len)
        x = self.patch_embed(patches) + self.pos_embed
        x = self.encoder(x)
        x = self.decoder_embed(x) + self.decoder_pos_embed
        return self.decoder_pred(x)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SensorViT1D().to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    loader = [torch.randn(16, 171, 8 * 16) for _ in range(10)]
    for step, patches in enumerate(loader):
        patches = patches.to(device)
        loss = nn.functional.mse_loss(model(patches), patches)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"step {step}: reconstruction loss {loss.item():.4f}")
