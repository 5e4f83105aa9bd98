import copy

import torch
import torch.nn.functional as F
from torch import nn


def box_blur(channels, device):
    return torch.ones(channels, 1, 3, 3, device=device) / 9.0


def smooth(img, kernel):
    return F.conv2d(img, kernel, padding=1, groups=img.shape[1])


def spectrogram(wave, n_fft=512):
    window = torch.hann_window(n_fft, device=wave.device)
    return torch.stft(wave, n_fft, window=window, return_complex=True).abs()


def td_target(critic, target_critic, state, reward_value, gamma=0.99):
    q1, q2 = target_critic(state)
    bound = torch.full((state.shape[0], 1), reward_value, device=state.device)
    return torch.min(q1, q2) + bound - critic(state)[0]


class TwinQ(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(8, 1)
        self.b = nn.Linear(8, 1)

    def forward(self, s):
        return self.a(s), self.b(s)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    critic = TwinQ().to(device)
    target_critic = copy.deepcopy(critic)
    images = torch.rand(2, 3, 32, 32, device=device)
    print(smooth(images, box_blur(3, device)).shape)
    print(spectrogram(torch.randn(16000, device=device)).shape)
    print(td_target(critic, target_critic, torch.randn(4, 8, device=device), 1.0).shape)
    # a copy taken before the move stays on the CPU, and is moved itself
    ema = copy.deepcopy(TwinQ()).to(device)
    print(ema(torch.randn(4, 8, device=device)))
