# source: https://github.com/YuanGongND/ast/issues/84
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper, batch-dict
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Kaldi-style log-mel filterbanks, padded/cropped to the AST input length."""
import torch
import torchaudio
from torch.utils.data import Dataset

AUDIOSET_MEAN, AUDIOSET_STD = -4.2677393, 4.5689974


def wav_to_fbank(path, target_length=1024, mel_bins=128):
    waveform, sr = torchaudio.load(path)
    if sr != 16000:
        waveform = torchaudio.functional.resample(waveform, sr, 16000)
    waveform = waveform.mean(0, keepdim=True)
    waveform = waveform - waveform.mean()
    fbank = torchaudio.compliance.kaldi.fbank(
        waveform, htk_compat=True, sample_frequency=16000, use_energy=False,
        window_type="hanning", num_mel_bins=mel_bins, dither=0.0, frame_shift=10)
    pad = target_length - fbank.shape[0]
    fbank = torch.nn.functional.pad(fbank, (0, 0, 0, pad)) if pad > 0 else fbank[:target_length]
    return (fbank - AUDIOSET_MEAN) / (AUDIOSET_STD * 2)


class ClipFolder(Dataset):
    def __init__(self, paths):
        self.paths = list(paths)

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, idx):
        return {"fbank": wav_to_fbank(str(self.paths[idx])), "path": str(self.paths[idx])}
