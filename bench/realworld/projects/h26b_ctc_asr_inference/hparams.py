# source: https://github.com/speechbrain/speechbrain/issues/2804
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: module-not-placed
# shape: multi-file, batch-dict
# bug-lines: 51
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchaudio


class FbankNormalizer(nn.Module):
    def __init__(self, n_mels=80):
        super().__init__()
        self.fbank = torchaudio.transforms.MelSpectrogram(16000, n_fft=400, hop_length=160, n_mels=n_mels)
        self.register_buffer("mean", torch.zeros(n_mels))
        self.register_buffer("std", torch.ones(n_mels))

    def forward(self, wavs):
        feats = (self.fbank(wavs) + 1e-6).log().transpose(1, 2)
        return (feats - self.mean) / self.std


class ConformerLiteEncoder(nn.Module):
    def __init__(self, n_mels=80, d_model=256, n_layers=8):
        super().__init__()
        self.subsample = nn.Sequential(
            nn.Conv1d(n_mels, d_model, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv1d(d_model, d_model, 3, stride=2, padding=1), nn.GELU(),
        )
        layer = nn.TransformerEncoderLayer(d_model, 4, 1024, batch_first=True, norm_first=True)
        self.layers = nn.TransformerEncoder(layer, n_layers)

    def forward(self, feats):
        x = self.subsample(feats.transpose(1, 2)).transpose(1, 2)
        return self.layers(x)


def build_hparams(vocab_size, d_model=256):
    """Mirror of the training yaml: everything that inference needs, keyed by name."""
    normalizer = FbankNormalizer()
    encoder = ConformerLiteEncoder(d_model=d_model)
    ctc_lin = nn.Linear(d_model, vocab_size)
    return {
        "normalizer": normalizer,
        "encoder": encoder,
        "ctc_lin": ctc_lin,
        "log_softmax": nn.LogSoftmax(dim=-1),
        "blank_index": 0,
        "modules": {"normalizer": normalizer, "encoder": encoder},
    }
