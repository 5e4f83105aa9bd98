# source: https://github.com/yeyupiaoling/AudioClassification-Pytorch/issues/1
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: legacy-type-cast
# shape: multi-file, class, helper
# bug-lines: 39
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Log-mel front end shared by the keyword-spotting trainer and the live demo."""
import torch
import torchaudio


class LogMelFrontend:
    def __init__(self, sample_rate=16000, n_mels=40, win_ms=30, hop_ms=10, device="cpu"):
        self.mel = torchaudio.transforms.MelSpectrogram(
            sample_rate=sample_rate,
            n_fft=int(sample_rate * win_ms / 1000),
            hop_length=int(sample_rate * hop_ms / 1000),
            n_mels=n_mels,
        ).to(device)
        self.device = device

    def __call__(self, wavs):
        # wavs arrive as float64 when read with soundfile; the mel op needs float32
        spec = self.mel(wavs.float())
        spec = torch.log(spec + 1e-6)
        return normalize(spec)


def normalize(spec, eps=1e-5):
    mean = spec.mean(dim=-1, keepdim=True)
    std = spec.std(dim=-1, keepdim=True)
    return (spec - mean) / (std + eps)


def as_model_input(spec):
    """(B, n_mels, T) -> (B, 1, n_mels, T) float32 for the CNN."""
    spec = spec.unsqueeze(1)
    return spec.type(torch.FloatTensor)
