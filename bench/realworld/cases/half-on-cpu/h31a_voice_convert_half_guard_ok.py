# source: https://github.com/w-okada/voice-changer/issues/202
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# looks-like: half-on-cpu
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchaudio


def detect_half_support(device):
    if device.type != "cuda":
        return False
    major, _ = torch.cuda.get_device_capability(device)
    name = torch.cuda.get_device_name(device).upper()
    return major >= 7 and "GTX 16" not in name


class ContentEncoder(nn.Module):
    """Wav2vec-like conv feature extractor + projection, 16 kHz input."""

    def __init__(self, dim=256):
        super().__init__()
        self.convs = nn.Sequential(
            nn.Conv1d(1, 128, 10, 5), nn.GELU(),
            nn.Conv1d(128, 128, 3, 2), nn.GELU(),
            nn.Conv1d(128, dim, 2, 2), nn.GELU(),
        )
        self.proj = nn.Linear(dim, dim)

    def forward(self, wav):
        return self.proj(self.convs(wav.unsqueeze(1)).transpose(1, 2))


class VoiceConverter:
    def __init__(self, encoder_ckpt, gpu_index=0, want_half=True):
        use_cuda = torch.cuda.is_available() and gpu_index >= 0
        self.device = torch.device(f"cuda:{gpu_index}" if use_cuda else "cpu")
        self.is_half = want_half and detect_half_support(self.device)
        enc = ContentEncoder()
        enc.load_state_dict(torch.load(encoder_ckpt, map_location="cpu"))
        enc = enc.to(self.device).eval()
        self.encoder = enc.half() if self.is_half else enc.float()

    def _prepare(self, wav, sr):
        if sr != 16000:
            wav = torchaudio.functional.resample(wav, sr, 16000)
        wav = wav.mean(0, keepdim=True).to(self.device)
        return wav.half() if self.is_half else wav.float()

    @torch.no_grad()
    def extract_units(self, wav, sr):
        feats = self.encoder(self._prepare(wav, sr))
        return feats.float().cpu()


if __name__ == "__main__":
    vc = VoiceConverter("pretrain/content_encoder.pt", gpu_index=0 if torch.cuda.is_available() else -1)
    audio, sample_rate = torchaudio.load("input.wav")
    units = vc.extract_units(audio, sample_rate)
    print("device", vc.device, "half", vc.is_half, "units", tuple(units.shape))
