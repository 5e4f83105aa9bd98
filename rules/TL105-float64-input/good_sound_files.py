import soundfile
import torch
import torchaudio
from torch import nn


def read_wave(path):
    # soundfile reads float32 samples when asked to.
    samples, rate = soundfile.read(path, dtype="float32")
    return torch.from_numpy(samples), rate


def read_wave_then_cast(path):
    samples, rate = soundfile.read(path)
    return torch.from_numpy(samples).float(), rate


class KeywordSpotter(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = torchaudio.transforms.MFCC(sample_rate=16000, n_mfcc=40)
        self.rnn = nn.GRU(40, 64, batch_first=True)


def spot(paths):
    model = KeywordSpotter().eval()
    for path in paths:
        wave, _ = read_wave(path)
        feats = model.features(wave)
        out, _ = model.rnn(feats.transpose(-1, -2)[None])
        print(out[:, -1].argmax())


def spot_cast(paths):
    model = KeywordSpotter().eval()
    for path in paths:
        wave, _ = read_wave_then_cast(path)
        print(model.features(wave).shape)


def sample_rate(path):
    # The rate alone: an int, never a tensor.
    _, rate = soundfile.read(path)
    return torch.tensor([rate])
