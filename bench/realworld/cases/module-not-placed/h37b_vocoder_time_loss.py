# source: https://github.com/rishikksh20/TFGAN/issues/10
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: helper, loader-loop
# bug-lines: 40, 50
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class TimeDomainLoss(nn.Module):
    """Energy / waveform / phase losses computed with fixed averaging filters."""

    def __init__(self, frame_sizes=(80, 160, 320), hop_sizes=(40, 80, 160)):
        super().__init__()
        self.hops = list(hop_sizes)
        for i, n in enumerate(frame_sizes):
            self.register_buffer(f"avg_{i}", torch.ones(1, 1, n) / n)
        self.register_buffer("phase_kernel", torch.tensor([[[-1.0, 1.0]]]))

    def forward(self, y, y_hat):
        loss = 0.0
        for i, hop in enumerate(self.hops):
            k = getattr(self, f"avg_{i}")
            loss = loss + F.l1_loss(F.conv1d(y ** 2, k, stride=hop), F.conv1d(y_hat ** 2, k, stride=hop))
            loss = loss + F.l1_loss(F.conv1d(y, k, stride=hop), F.conv1d(y_hat, k, stride=hop))
        phase = F.conv1d(y, self.phase_kernel, padding=1)
        phase_hat = F.conv1d(y_hat, self.phase_kernel, padding=1)
        return loss + F.l1_loss(phase, phase_hat)


def generator_step(generator, discriminator, time_loss, optim_g, mel, audio, lambda_time=4.0):
    optim_g.zero_grad()
    fake = generator(mel)
    adv = 0.0
    for score in discriminator(fake):
        adv = adv + torch.mean((score - 1.0) ** 2)
    loss = adv + lambda_time * time_loss(audio, fake)
    loss.backward()
    optim_g.step()
    return loss.item()


def train(generator, discriminator, loader, epochs=100, device="cuda"):
    generator = generator.to(device)
    discriminator = discriminator.to(device)
    optim_g = torch.optim.Adam(generator.parameters(), lr=1e-4, betas=(0.5, 0.9))
    time_loss = TimeDomainLoss()
    for epoch in range(epochs):
        for mel, audio in loader:
            mel, audio = mel.to(device), audio.to(device)
            g_loss = generator_step(generator, discriminator, time_loss, optim_g, mel, audio)
        print(f"epoch {epoch}: generator loss {g_loss:.4f}")
