# source: https://github.com/RVC-Boss/GPT-SoVITS/issues/1673
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, class, helper
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Synthesis engine: casts to half only when settings say the device supports it."""
import numpy as np
import torch

import settings
from voice_model import ContentEncoder, WaveDecoder


class SynthesisEngine:
    def __init__(self):
        self.device = settings.infer_device
        self.encoder = ContentEncoder().eval().to(self.device)
        self.decoder = WaveDecoder().eval().to(self.device)
        if settings.is_half:
            self.encoder = self.encoder.half()
            self.decoder = self.decoder.half()

    def _prepare(self, wav16k):
        wav = torch.from_numpy(wav16k.astype(np.float32)).unsqueeze(0)
        return wav.to(device=self.device, dtype=settings.dtype)

    @torch.no_grad()
    def clone(self, ref_wav16k, text_wav16k):
        style = self.encoder(self._prepare(ref_wav16k)).mean(-1, keepdim=True)
        feats = self.encoder(self._prepare(text_wav16k))
        audio = self.decoder(feats, style)
        return audio[0].float().cpu().numpy()


if __name__ == "__main__":
    engine = SynthesisEngine()
    rng = np.random.default_rng(1)
    out = engine.clone(rng.standard_normal(48000), rng.standard_normal(80000))
    print(out.shape, settings.infer_device, settings.is_half)
