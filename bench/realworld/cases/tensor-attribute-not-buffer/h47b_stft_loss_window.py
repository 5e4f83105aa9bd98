# source: https://github.com/facebookresearch/denoiser/issues/27
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, helper, loader-loop
# bug-lines: 15, 23, 26, 27
# needs: torch
# cpu: no written where torch was not installed; not run
"""Fine-tune a waveform denoiser with an auxiliary multi-resolution STFT loss."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def magnitude(x, n_fft, hop, win_length, window):
    spec = torch.stft(x, n_fft, hop, win_length, window, return_complex=True)
    return spec.abs().clamp(min=1e-7).transpose(1, 2)


class SingleResolutionSTFTLoss(nn.Module):
    def __init__(self, n_fft=1024, hop=120, win_length=600):
        super().__init__()
        self.n_fft, self.hop, self.win_length = n_fft, hop, win_length
        self.window = torch.hann_window(win_length)

    def forward(self, est, ref):
        est_mag = magnitude(est, self.n_fft, self.hop, self.win_length, self.window)
        ref_mag = magnitude(ref, self.n_fft, self.hop, self.win_length, self.window)
        sc = torch.norm(ref_mag - est_mag, p="fro") / torch.norm(ref_mag, p="fro")
        return sc, F.l1_loss(est_mag.log(), ref_mag.log())


class MultiResolutionSTFTLoss(nn.Module):
    def __init__(self, resolutions=((1024, 120, 600), (2048, 240, 1200), (512, 50, 240))):
        super().__init__()
        self.losses = nn.ModuleList(SingleResolutionSTFTLoss(*r) for r in resolutions)

    def forward(self, est, ref):
        sc_total, mag_total = 0.0, 0.0
        for loss in self.losses:
            sc, mag = loss(est, ref)
            sc_total, mag_total = sc_total + sc, mag_total + mag
        n = len(self.losses)
        return sc_total / n, mag_total / n


def run_epoch(model, loader, optimizer, stft_loss, device):
    model.train()
    for noisy, clean in loader:
        noisy, clean = noisy.to(device), clean.to(device)
        estimate = model(noisy)
        loss = F.l1_loss(estimate, clean)
        sc, mag = stft_loss(estimate.squeeze(1), clean.squeeze(1))
        loss = loss + 0.5 * (sc + mag)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    denoiser = nn.Sequential(nn.Conv1d(1, 32, 9, padding=4), nn.ReLU(), nn.Conv1d(32, 1, 9, padding=4)).to(device)
    stft_loss = MultiResolutionSTFTLoss().to(device)
    data = [(torch.randn(4, 1, 16000), torch.randn(4, 1, 16000)) for _ in range(3)]
    opt = torch.optim.Adam(denoiser.parameters(), lr=3e-4)
    run_epoch(denoiser, data, opt, stft_loss, device)
