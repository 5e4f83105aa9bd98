import copy

import torch
import torch.nn.functional as F
from torch import nn


def box_blur(channels=3):
    kernel = torch.ones(channels, 1, 3, 3) / 9.0  # expect: TL204:14 lines=14
    return kernel


def smooth(img, kernel):
    return F.conv2d(img, kernel, padding=1, groups=img.shape[1])


def spectrogram(wave, n_fft=512):
    # the window must be where the signal is
    window = torch.hann_window(n_fft)  # expect: TL204:14 lines=20
    return torch.stft(wave, n_fft, window=window, return_complex=True).abs()


def td_target(critic, target_critic, state, reward_value, gamma=0.99):
    q1, q2 = target_critic(state)
    bound = torch.full((state.shape[0], 1), reward_value)  # expect: TL204:13 lines=41,26
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
    target_critic = copy.deepcopy(critic)  # (a copy of the placed critic: placed too)
    images = torch.rand(2, 3, 32, 32, device=device)
    print(smooth(images, box_blur()).shape)
    print(spectrogram(torch.randn(16000, device=device)).shape)
    print(td_target(critic, target_critic, torch.randn(4, 8, device=device), 1.0).shape)
