# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/770
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Small stand-ins for the SSL content encoder and the acoustic decoder."""
import torch
import torch.nn as nn


class ContentEncoder(nn.Module):
    """wav2vec-style conv feature extractor over 16 kHz audio."""

    def __init__(self, dim=256):
        super().__init__()
        self.convs = nn.Sequential(
            nn.Conv2d(1, 64, (1, 10), stride=(1, 5)), nn.GELU(),
            nn.Conv2d(64, 128, (1, 3), stride=(1, 2)), nn.GELU(),
            nn.Conv2d(128, dim, (1, 3), stride=(1, 2)), nn.GELU(),
        )

    def forward(self, wav):
        x = self.convs(wav[:, None, None, :])
        return x.squeeze(2)


class AcousticDecoder(nn.Module):
    def __init__(self, dim=256, hop=640):
        super().__init__()
        self.pre = nn.Conv1d(dim, dim, 3, padding=1)
        self.up = nn.ConvTranspose1d(dim, 1, hop, stride=hop)

    def forward(self, ssl_feats, speaker_ref):
        h = self.pre(ssl_feats) + speaker_ref.mean(-1, keepdim=True)
        return torch.tanh(self.up(h)).squeeze(1)


def load_models(path=None):
    encoder, decoder = ContentEncoder(), AcousticDecoder()
    if path is not None:
        state = torch.load(path, map_location="cpu")
        encoder.load_state_dict(state["encoder"])
        decoder.load_state_dict(state["decoder"])
    return encoder.eval(), decoder.eval()
