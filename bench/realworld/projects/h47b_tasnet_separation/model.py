# source: https://github.com/asteroid-team/asteroid/issues/300
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Conv-TasNet: learned encoder, TCN masker, learned decoder."""
import torch.nn as nn

from tcn import TDConvNet


class ConvTasNet(nn.Module):
    def __init__(self, n_src=2, n_filters=512, kernel_size=16, stride=8):
        super().__init__()
        self.encoder = nn.Conv1d(1, n_filters, kernel_size, stride=stride, bias=False)
        self.masker = TDConvNet(in_chan=n_filters, n_src=n_src)
        self.decoder = nn.ConvTranspose1d(n_filters, 1, kernel_size, stride=stride, bias=False)
        self.n_src = n_src

    def forward(self, wav):
        tf_rep = self.encoder(wav.unsqueeze(1))
        masks = self.masker(tf_rep)
        masked = masks * tf_rep.unsqueeze(1)
        b, s, c, t = masked.shape
        out = self.decoder(masked.view(b * s, c, t))
        return out.view(b, s, -1)[..., : wav.shape[-1]]
