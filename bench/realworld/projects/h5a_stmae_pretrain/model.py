# source: https://github.com/GestaltCogTeam/BasicTS/issues/202
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
import torch.nn as nn

from masking import PatchMasker


class SeriesMAE(nn.Module):
    def __init__(self, patch_len=12, d_model=64, mask_ratio=0.25):
        super().__init__()
        self.patch_len = patch_len
        self.embed = nn.Linear(patch_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, 4, 128, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.decoder = nn.Linear(d_model, patch_len)
        self.masker = PatchMasker(mask_ratio)

    def patchify(self, history):
        b, n, t = history.shape
        return history.reshape(b, n, t // self.patch_len, self.patch_len)

    def forward(self, history):
        patches = self.patchify(history)
        b, n, p, _ = patches.shape
        keep = self.masker(n, p)
        tokens = self.embed(patches) * keep[None, :, :, None]
        hidden = self.encoder(tokens.reshape(b * n, p, -1))
        recon = self.decoder(hidden).reshape(b, n, p, self.patch_len)
        return recon, patches, keep
