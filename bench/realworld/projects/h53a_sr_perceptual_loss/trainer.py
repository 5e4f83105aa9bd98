# source: https://github.com/NVlabs/MUNIT/issues/33
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, class
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from utils import get_scheduler, load_vgg19_features, rgb_from_multispectral, vgg_preprocess


class ResidualSR(nn.Module):
    def __init__(self, bands=4, feats=64, n_blocks=16, scale=4):
        super().__init__()
        self.head = nn.Conv2d(bands, feats, 3, padding=1)
        self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(feats, feats, 3, padding=1), nn.PReLU())
                                    for _ in range(n_blocks)])
        self.tail = nn.Sequential(nn.Conv2d(feats, bands * scale ** 2, 3, padding=1), nn.PixelShuffle(scale), nn.Tanh())

    def forward(self, x):
        f = self.head(x)
        return self.tail(f + self.body(f))


class SRTrainer(nn.Module):
    def __init__(self, hp):
        super().__init__()
        self.gen = ResidualSR(bands=hp["bands"], scale=hp["scale"])
        self.gen_opt = torch.optim.Adam(self.gen.parameters(), lr=hp["lr"], betas=(0.9, 0.999))
        self.gen_scheduler = get_scheduler(self.gen_opt)
        self.l1 = nn.L1Loss()
        if hp.get("vgg_w", 0) > 0:
            self.vgg = load_vgg19_features()

    def compute_vgg_loss(self, vgg, img, target):
        img_fea = vgg(vgg_preprocess(rgb_from_multispectral(img)))
        target_fea = vgg(vgg_preprocess(rgb_from_multispectral(target)))
        return torch.mean((img_fea - target_fea) ** 2)

    def gen_update(self, lr, hr, hp):
        self.gen_opt.zero_grad()
        sr = self.gen(lr)
        self.loss_pix = self.l1(sr, hr)
        self.loss_vgg = self.compute_vgg_loss(self.vgg, sr, hr) if hp.get("vgg_w", 0) > 0 else 0
        self.loss_total = self.loss_pix + hp.get("vgg_w", 0) * self.loss_vgg
        self.loss_total.backward()
        self.gen_opt.step()
        self.gen_scheduler.step()
