import soundfile
import torch
import torchaudio
from torch import nn


def read_wave(path):
    samples, rate = soundfile.read(path)
    return torch.from_numpy(samples), rate  # expect: TL105:12 lines=23


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
