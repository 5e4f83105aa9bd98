# source: https://github.com/tatp22/multidim-positional-encoding/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class
# bug-lines: 36, 37, 38, 43
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def get_emb(sin_inp):
    emb = torch.stack((sin_inp.sin(), sin_inp.cos()), dim=-1)
    return torch.flatten(emb, -2, -1)


class PositionalEncoding3D(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.org_channels = channels
        channels = int(np.ceil(channels / 6) * 2)
        if channels % 2:
            channels += 1
        self.channels = channels
        inv_freq = 1.0 / (10000 ** (torch.arange(0, channels, 2).float() / channels))
        self.register_buffer("inv_freq", inv_freq)
        self.cached_penc = None

    def forward(self, tensor):
        if tensor.dim() != 5:
            raise RuntimeError("The input tensor has to be 5d!")
        if self.cached_penc is not None and self.cached_penc.shape == tensor.shape:
            return self.cached_penc
        batch_size, x, y, z, orig_ch = tensor.shape
        pos_x = torch.arange(x, dtype=self.inv_freq.dtype)
        pos_y = torch.arange(y, dtype=self.inv_freq.dtype)
        pos_z = torch.arange(z, dtype=self.inv_freq.dtype)
        sin_inp_x = torch.einsum("i,j->ij", pos_x, self.inv_freq)
        sin_inp_y = torch.einsum("i,j->ij", pos_y, self.inv_freq)
        sin_inp_z = torch.einsum("i,j->ij", pos_z, self.inv_freq)
        emb_x = get_emb(sin_inp_x).unsqueeze(1).unsqueeze(1)
        emb = torch.zeros((x, y, z, self.channels * 3), dtype=tensor.dtype)
        emb[:, :, :, : self.channels] = emb_x
        emb[:, :, :, self.channels: 2 * self.channels] = get_emb(sin_inp_y).unsqueeze(1)
        emb[:, :, :, 2 * self.channels:] = get_emb(sin_inp_z)
        self.cached_penc = emb[None, :, :, :, :orig_ch].repeat(batch_size, 1, 1, 1, 1)
        return self.cached_penc


class Summer(nn.Module):
    def __init__(self, penc):
        super().__init__()
        self.penc = penc

    def forward(self, tensor):
        penc = self.penc(tensor)
        assert tensor.size() == penc.size()
        return tensor + penc


class SwinStage(nn.Module):
    def __init__(self, dim=12):
        super().__init__()
        self.patch_embed = nn.Linear(4, dim)
        self.add_pos = Summer(PositionalEncoding3D(dim))

    def forward(self, patches):
        return self.add_pos(self.patch_embed(patches))


if __name__ == "__main__":
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = SwinStage().to(device).eval()
    with torch.no_grad():
        out = model(torch.rand(1, 4, 4, 4, 4, device=device))
    print(out.shape)
