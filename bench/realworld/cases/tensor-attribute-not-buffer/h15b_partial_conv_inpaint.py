# source: https://github.com/NVIDIA/partialconv/issues/28
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 17
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class PartialConv2d(nn.Conv2d):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kh, kw = self.kernel_size
        self.weight_mask_updater = torch.ones(1, 1, kh, kw)
        self.slide_winsize = kh * kw

    def forward(self, x, mask):
        with torch.no_grad():
            update_mask = F.conv2d(mask, self.weight_mask_updater, bias=None,
                                   stride=self.stride, padding=self.padding)
            ratio = self.slide_winsize / (update_mask + 1e-8)
            update_mask = torch.clamp(update_mask, 0, 1)
            ratio = ratio * update_mask
        out = super().forward(x * mask)
        if self.bias is not None:
            b = self.bias.view(1, -1, 1, 1)
            out = (out - b) * ratio + b
        else:
            out = out * ratio
        return out * update_mask, update_mask


class InpaintNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = PartialConv2d(3, 64, 7, stride=2, padding=3)
        self.enc2 = PartialConv2d(64, 128, 5, stride=2, padding=2)
        self.dec = nn.Sequential(nn.Upsample(scale_factor=4), nn.Conv2d(128, 3, 3, padding=1))

    def forward(self, img, mask):
        h, m = self.enc1(img, mask)
        h, m = self.enc2(F.relu(h), m)
        return torch.sigmoid(self.dec(F.relu(h)))


def train(loader, epochs=10):
    device = torch.device("cuda")
    net = InpaintNet().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=2e-4)
    for _ in range(epochs):
        for img, mask in loader:
            img, mask = img.to(device), mask.to(device)
            pred = net(img, mask[:, :1])
            loss = F.l1_loss(pred * (1 - mask), img * (1 - mask))
            opt.zero_grad()
            loss.backward()
            opt.step()
