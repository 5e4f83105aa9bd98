# source: https://github.com/jongwook/onsets-and-frames/issues/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: torch-load-map-location
# shape: multi-file, class
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class STFT(nn.Module):
    def __init__(self, filter_length=64, hop_length=16):
        super().__init__()
        self.hop_length = hop_length
        fourier = torch.fft.fft(torch.eye(filter_length))
        cutoff = filter_length // 2 + 1
        basis = torch.cat([fourier.real[:cutoff], fourier.imag[:cutoff]])
        window = torch.hann_window(filter_length)
        self.register_buffer("forward_basis", (basis * window)[:, None, :])

    def forward(self, y):
        y = y.unsqueeze(1)
        ft = nn.functional.conv1d(y, self.forward_basis, stride=self.hop_length, padding=0)
        cutoff = ft.shape[1] // 2
        return torch.sqrt(ft[:, :cutoff] ** 2 + ft[:, cutoff:] ** 2 + 1e-8)


class MelSpectrogram(nn.Module):
    def __init__(self, n_mels=16, filter_length=64, hop_length=16):
        super().__init__()
        self.stft = STFT(filter_length, hop_length)
        self.register_buffer("mel_basis", torch.rand(n_mels, filter_length // 2 + 1))

    def forward(self, y):
        magnitudes = self.stft(y)
        return torch.log(torch.matmul(self.mel_basis, magnitudes).clamp(min=1e-5))


class OnsetsAndFrames(nn.Module):
    def __init__(self, n_mels=16, n_keys=88):
        super().__init__()
        self.melspectrogram = MelSpectrogram(n_mels)
        self.onset = nn.GRU(n_mels, 32, batch_first=True)
        self.head = nn.Linear(32, n_keys)

    def forward(self, audio):
        mel = self.melspectrogram(audio).transpose(-1, -2)
        out, _ = self.onset(mel)
        return torch.sigmoid(self.head(out))


if __name__ == "__main__":
    print(OnsetsAndFrames()(torch.randn(2, 1024)).shape)
