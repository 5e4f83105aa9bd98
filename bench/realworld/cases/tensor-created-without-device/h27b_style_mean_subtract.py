# source: https://github.com/avinash-mishra/gan-style-transfer/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 27, 28
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Train a feed-forward style network against a Caffe-style VGG16 loss network."""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms
from torchvision.models import vgg16


def gram_matrix(feat):
    b, c, h, w = feat.size()
    f = feat.view(b, c, h * w)
    return f.bmm(f.transpose(1, 2)) / (c * h * w)


def subtract_imagenet_mean_batch(batch):
    """Caffe VGG expects BGR in 0-255 with the ImageNet mean removed."""
    mean = torch.tensor([103.939, 116.779, 123.680]).view(1, 3, 1, 1)
    return batch[:, [2, 1, 0]] - mean


class StyleNet(nn.Module):
    def __init__(self, ch=32):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, ch, 9, padding=4), nn.InstanceNorm2d(ch, affine=True), nn.ReLU(inplace=True),
            nn.Conv2d(ch, ch * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(ch * 2, affine=True), nn.ReLU(inplace=True),
            nn.Conv2d(ch * 2, ch * 2, 3, padding=1), nn.InstanceNorm2d(ch * 2, affine=True), nn.ReLU(inplace=True),
            nn.Upsample(scale_factor=2, mode="nearest"),
            nn.Conv2d(ch * 2, ch, 3, padding=1), nn.InstanceNorm2d(ch, affine=True), nn.ReLU(inplace=True),
            nn.Conv2d(ch, 3, 9, padding=4),
        )

    def forward(self, x):
        return self.body(x)


class VGGLoss(nn.Module):
    def __init__(self):
        super().__init__()
        feats = vgg16(weights=None).features.eval()
        self.slices = nn.ModuleList([feats[:4], feats[4:9], feats[9:16], feats[16:23]])
        for p in self.parameters():
            p.requires_grad_(False)

    def forward(self, x):
        outs = []
        for s in self.slices:
            x = s(x)
            outs.append(x)
        return outs


def train(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tf = transforms.Compose([transforms.Resize(args.size), transforms.CenterCrop(args.size),
                             transforms.ToTensor(), transforms.Lambda(lambda t: t * 255)])
    loader = DataLoader(datasets.ImageFolder(args.dataset, tf), batch_size=args.batch_size, shuffle=True)
    style_net, vgg = StyleNet().to(device), VGGLoss().to(device)
    optimizer = torch.optim.Adam(style_net.parameters(), lr=1e-3)
    style_img = tf(datasets.folder.default_loader(args.style_image)).unsqueeze(0).to(device)
    with torch.no_grad():
        style_grams = [gram_matrix(f) for f in vgg(subtract_imagenet_mean_batch(style_img))]
    for epoch in range(args.epochs):
        for content, _ in loader:
            content = content.to(device)
            out = style_net(content)
            feats_out = vgg(subtract_imagenet_mean_batch(out))
            with torch.no_grad():
                feats_content = vgg(subtract_imagenet_mean_batch(content))
            content_loss = args.content_weight * F.mse_loss(feats_out[1], feats_content[1])
            style_loss = sum(F.mse_loss(gram_matrix(f), g.expand(f.size(0), -1, -1))
                             for f, g in zip(feats_out, style_grams))
            loss = content_loss + args.style_weight * style_loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: content {content_loss.item():.2f} style {style_loss.item():.4f}")
    torch.save(style_net.state_dict(), args.save_model)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", required=True)
    p.add_argument("--style-image", required=True)
    p.add_argument("--save-model", default="style_net.pth")
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--batch-size", type=int, default=4)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--content-weight", type=float, default=1.0)
    p.add_argument("--style-weight", type=float, default=5.0)
    train(p.parse_args())
