# source: https://cnblogs.com/js2hou/p/15874535.html https://m.icode9.com/content-4-1327691.html
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, loader-loop
# bug-lines: 36
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
    )


class DeepSupUNet(nn.Module):
    """Small U-Net for lesion segmentation with deep-supervision heads on every decoder stage."""

    def __init__(self, in_ch=1, num_classes=2, widths=(32, 64, 128, 256)):
        super().__init__()
        self.encoders = nn.ModuleList()
        prev = in_ch
        for w in widths:
            self.encoders.append(conv_block(prev, w))
            prev = w
        self.ups = nn.ModuleList()
        self.decoders = nn.ModuleList()
        for w in reversed(widths[:-1]):
            self.ups.append(nn.ConvTranspose2d(prev, w, 2, stride=2))
            self.decoders.append(conv_block(w * 2, w))
            prev = w
        self.aux_heads = [nn.Conv2d(w, num_classes, 1) for w in reversed(widths[:-1])]

    def forward(self, x):
        skips = []
        for i, enc in enumerate(self.encoders):
            x = enc(x)
            if i < len(self.encoders) - 1:
                skips.append(x)
                x = F.max_pool2d(x, 2)
        outputs = []
        for up, dec, head, skip in zip(self.ups, self.decoders, self.aux_heads, reversed(skips)):
            x = dec(torch.cat([up(x), skip], dim=1))
            outputs.append(head(x))
        return outputs


def train_epoch(model, loader, optimizer, device, weights=(0.25, 0.5, 1.0)):
    model.train()
    for images, masks in loader:
        images, masks = images.to(device), masks.to(device)
        outputs = model(images)
        loss = 0.0
        for w, out in zip(weights, outputs):
            target = F.interpolate(masks[:, None].float(), size=out.shape[-2:], mode="nearest")
            loss = loss + w * F.cross_entropy(out, target[:, 0].long())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = torch.device("cuda")
    model = DeepSupUNet().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    data = [(torch.randn(4, 1, 128, 128), torch.randint(0, 2, (4, 128, 128))) for _ in range(8)]
    train_epoch(model, data, optimizer, device)
