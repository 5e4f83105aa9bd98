# source: https://github.com/w-okada/voice-changer/issues/155
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class
# bug-lines: 42, 48
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn


class ConvFeatureExtractor(nn.Module):
    """wav2vec2/HuBERT-style strided conv front end (16 kHz waveform -> 50 Hz frames)."""

    def __init__(self, dim=512):
        super().__init__()
        spec = [(10, 5)] + [(3, 2)] * 4 + [(2, 2)] * 2
        layers, c_in = [], 1
        for k, s in spec:
            layers += [nn.Conv1d(c_in, dim, k, stride=s, bias=False), nn.GELU()]
            c_in = dim
        self.conv_layers = nn.Sequential(*layers)
        self.proj = nn.Linear(dim, 256)

    def forward(self, wav):
        return self.proj(self.conv_layers(wav).transpose(1, 2))


class RVCPipeline(object):
    def __init__(self, hubert_path, is_half=True, f0_up_key=0):
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
        self.is_half = is_half
        self.f0_up_key = f0_up_key
        self.hubert = self._load_hubert(hubert_path)

    def _load_hubert(self, path):
        model = ConvFeatureExtractor()
        model.load_state_dict(torch.load(path, map_location="cpu"))
        model = model.to(self.device)
        if self.is_half:
            model = model.half()
        return model.eval()

    def _extract_features(self, audio):
        feats = torch.from_numpy(audio).float()
        if self.is_half:
            feats = feats.half()
        feats = feats.to(self.device).view(1, 1, -1)
        with torch.no_grad():
            return self.hubert(feats)

    def inference(self, audio_int16):
        audio = audio_int16.astype(np.float32) / 32768.0
        audio = np.pad(audio, (800, 800), mode="reflect")
        feats = self._extract_features(audio)
        feats = torch.nn.functional.interpolate(
            feats.float().transpose(1, 2), scale_factor=2).transpose(1, 2)
        return feats.squeeze(0).cpu().numpy()


if __name__ == "__main__":
    pipeline = RVCPipeline("hubert_base.pt")  # macOS / Apple M1: no CUDA -> device is cpu
    chunk = (np.random.randn(16000) * 3000).astype(np.int16)
    print(pipeline.inference(chunk).shape)
