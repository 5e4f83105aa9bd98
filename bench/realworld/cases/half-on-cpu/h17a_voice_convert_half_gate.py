# source: https://github.com/SociallyIneptWeeb/AniVoiceChanger/issues/10
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Voice conversion inference: fp16 only where a CUDA device is used."""
import numpy as np
import torch
import torch.nn as nn


class InferConfig:
    def __init__(self, prefer_half=True, gpu_id=0):
        if torch.cuda.is_available():
            self.device = torch.device(f"cuda:{gpu_id}")
        else:
            self.device = torch.device("cpu")
        self.is_half = prefer_half and self.device.type == "cuda"


class ContentEncoder(nn.Module):
    def __init__(self, hidden=256):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(1, hidden, 400, stride=320), nn.GELU(),
            nn.Conv1d(hidden, hidden, 3, padding=1), nn.GELU(),
        )

    def forward(self, wav):
        return self.conv(wav)


def load_encoder(path, cfg):
    model = ContentEncoder()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    model = model.to(cfg.device).eval()
    if cfg.is_half:
        model = model.half()
    return model


def prepare_audio(samples: np.ndarray, cfg):
    wav = torch.from_numpy(samples.astype(np.float32)).view(1, 1, -1).to(cfg.device)
    return wav.half() if cfg.is_half else wav


if __name__ == "__main__":
    cfg = InferConfig(prefer_half=True)
    encoder = load_encoder("weights/content_encoder.pt", cfg)
    audio = np.random.uniform(-1, 1, 16000 * 3)
    with torch.no_grad():
        feats = encoder(prepare_audio(audio, cfg))
    print(feats.shape, feats.dtype, feats.device)
