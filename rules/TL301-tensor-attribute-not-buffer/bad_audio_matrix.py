import torch
import torch.nn as nn
import torchaudio.functional as AF


# A log-mel front end: the filterbank is a plain attribute, so `.to(device)` leaves
# it on the CPU while the spectrogram it multiplies is on the GPU.
class LogMel(nn.Module):
    def __init__(self, sample_rate=22050, n_fft=1024, n_mels=80):
        super().__init__()
        self.n_fft = n_fft
        self.register_buffer("window", torch.hann_window(n_fft))
        self.fbank = AF.melscale_fbanks(n_fft // 2 + 1, 0.0, sample_rate / 2, n_mels, sample_rate)  # expect: TL301:9 lines=17

    def forward(self, audio):
        spec = torch.stft(audio, self.n_fft, window=self.window, return_complex=True).abs() ** 2
        return torch.log(spec.transpose(1, 2) @ self.fbank + 1e-5)
