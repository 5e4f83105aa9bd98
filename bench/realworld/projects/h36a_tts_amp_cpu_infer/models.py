# source: https://github.com/NVIDIA/DeepLearningExamples/issues/1146
# error: RuntimeError: "sin_vml_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, helper
# bug-lines: 51
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class SinusoidalPositions(nn.Module):
    def __init__(self, dim):
        super().__init__()
        inv_freq = 1.0 / (10000 ** (torch.arange(0.0, dim, 2.0) / dim))
        self.register_buffer("inv_freq", inv_freq)

    def forward(self, seq_len, dtype):
        pos = torch.arange(seq_len, device=self.inv_freq.device, dtype=dtype)
        sinusoid = torch.ger(pos, self.inv_freq.to(dtype))
        return torch.cat([sinusoid.sin(), sinusoid.cos()], dim=1)


class MelGenerator(nn.Module):
    """Small FastPitch-like text-to-mel network."""

    def __init__(self, n_symbols=148, dim=384, n_mels=80):
        super().__init__()
        self.embed = nn.Embedding(n_symbols, dim, padding_idx=0)
        self.pos = SinusoidalPositions(dim)
        self.encoder = nn.Sequential(
            nn.Conv1d(dim, dim, 5, padding=2), nn.ReLU(),
            nn.Conv1d(dim, dim, 5, padding=2), nn.ReLU())
        self.proj = nn.Linear(dim, n_mels)

    def forward(self, text):
        x = self.embed(text)
        x = x + self.pos(text.size(1), x.dtype).unsqueeze(0)
        x = self.encoder(x.transpose(1, 2)).transpose(1, 2)
        return self.proj(x).transpose(1, 2)


def load_and_setup_model(checkpoint, amp, device, ema=True):
    model = MelGenerator()
    if checkpoint is not None:
        ckpt = torch.load(checkpoint, map_location="cpu")
        sd = ckpt.get("ema_state_dict") if ema and "ema_state_dict" in ckpt else ckpt["state_dict"]
        sd = {k.replace("module.", ""): v for k, v in sd.items()}
        model.load_state_dict(sd)
    if amp:
        model.half()
    model.eval()
    return model.to(device)
