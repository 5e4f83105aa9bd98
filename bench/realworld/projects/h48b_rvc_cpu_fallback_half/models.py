# source: https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/210
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class ConvFeatureExtractor(nn.Module):
    """wav2vec2/HuBERT-style waveform front-end producing content units every 20 ms."""

    def __init__(self, dim=256):
        super().__init__()
        spec = [(512, 10, 5)] + [(512, 3, 2)] * 4 + [(512, 2, 2)] * 2
        layers, in_ch = [], 1
        for out_ch, kernel, stride in spec:
            layers += [nn.Conv1d(in_ch, out_ch, kernel, stride=stride, bias=False), nn.GELU()]
            in_ch = out_ch
        self.conv = nn.Sequential(*layers)
        self.proj = nn.Linear(512, dim)

    def extract_features(self, source):
        feats = self.conv(source.unsqueeze(1))          # (B, 512, frames)
        return self.proj(feats.transpose(1, 2))         # (B, frames, dim)


class Synthesizer(nn.Module):
    """Speaker-conditioned decoder from content units to a waveform."""

    def __init__(self, n_speakers, dim=256, hidden=192, upsample=(10, 8, 2, 2)):
        super().__init__()
        self.emb_g = nn.Embedding(n_speakers, hidden)
        self.pre = nn.Conv1d(dim, hidden, kernel_size=3, padding=1)
        ups, ch = [], hidden
        for r in upsample:
            ups += [nn.LeakyReLU(0.1), nn.ConvTranspose1d(ch, ch // 2, 2 * r, stride=r, padding=r // 2)]
            ch //= 2
        self.ups = nn.Sequential(*ups)
        self.post = nn.Conv1d(ch, 1, kernel_size=7, padding=3)

    def infer(self, phone, sid):
        x = self.pre(phone.transpose(1, 2)) + self.emb_g(sid).unsqueeze(-1)
        return torch.tanh(self.post(self.ups(x)))
