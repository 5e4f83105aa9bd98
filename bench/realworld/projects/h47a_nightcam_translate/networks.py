# source: https://github.com/sangyun884/HR-VITON/issues/47
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# bug-lines: 53, 56
# needs: torch
# cpu: no written where torch was not installed; not run
"""Generator / discriminator / adversarial loss for translating infrared night
captures from camera traps into day-like RGB (helps the species classifier)."""
import torch
import torch.nn as nn


class ResnetGenerator(nn.Module):
    def __init__(self, in_ch=1, out_ch=3, width=64, n_blocks=6):
        super().__init__()
        layers = [nn.Conv2d(in_ch, width, 7, padding=3), nn.InstanceNorm2d(width), nn.ReLU(True)]
        for _ in range(n_blocks):
            layers += [nn.Conv2d(width, width, 3, padding=1), nn.InstanceNorm2d(width), nn.ReLU(True)]
        layers += [nn.Conv2d(width, out_ch, 7, padding=3), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


class PatchDiscriminator(nn.Module):
    def __init__(self, in_ch=3, width=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_ch, width, 4, 2, 1), nn.LeakyReLU(0.2, True),
            nn.Conv2d(width, width * 2, 4, 2, 1), nn.InstanceNorm2d(width * 2), nn.LeakyReLU(0.2, True),
            nn.Conv2d(width * 2, 1, 4, 1, 1),
        )

    def forward(self, x):
        return self.net(x)


class GANLoss(nn.Module):
    """LSGAN loss that caches the all-ones / all-zeros target maps."""

    def __init__(self, real_label=1.0, fake_label=0.0, tensor=torch.FloatTensor):
        super().__init__()
        self.real_label, self.fake_label = real_label, fake_label
        self.real_target, self.fake_target = None, None
        self.Tensor = tensor
        self.loss = nn.MSELoss()

    def get_target(self, pred, is_real):
        if is_real:
            if self.real_target is None or self.real_target.numel() != pred.numel():
                self.real_target = self.Tensor(pred.size()).fill_(self.real_label)
            return self.real_target
        if self.fake_target is None or self.fake_target.numel() != pred.numel():
            self.fake_target = self.Tensor(pred.size()).fill_(self.fake_label)
        return self.fake_target

    def __call__(self, pred, is_real):
        return self.loss(pred, self.get_target(pred, is_real))
