# source: https://github.com/pytorch/examples/blob/main/fast_neural_style/neural_style/neural_style.py
#   (and transformer_net.py, utils.py)
# what: style transfer training: TransformerNet (reflection padding, instance norm,
#   residual blocks, upsampling), a frozen feature network, the style image repeated to
#   the batch and moved, gram matrices, normalize_batch through batch.new_tensor, a
#   checkpoint taken with transformer.eval().cpu() then transformer.to(device).train().
# shrunk: 32x32 random images, 8 channels, one residual block, a 2-conv stand-in for
#   VGG-16 (no download), 2 batches.
import os
import tempfile
from collections import namedtuple

import torch
from torch.optim import Adam


class ConvLayer(torch.nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super().__init__()
        self.reflection_pad = torch.nn.ReflectionPad2d(kernel_size // 2)
        self.conv2d = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        return self.conv2d(self.reflection_pad(x))


class ResidualBlock(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in1 = torch.nn.InstanceNorm2d(channels, affine=True)
        self.conv2 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in2 = torch.nn.InstanceNorm2d(channels, affine=True)
        self.relu = torch.nn.ReLU()

    def forward(self, x):
        out = self.relu(self.in1(self.conv1(x)))
        return self.in2(self.conv2(out)) + x


class UpsampleConvLayer(torch.nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride, upsample=None):
        super().__init__()
        self.upsample = upsample
        self.reflection_pad = torch.nn.ReflectionPad2d(kernel_size // 2)
        self.conv2d = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        if self.upsample:
            x = torch.nn.functional.interpolate(x, mode="nearest", scale_factor=self.upsample)
        return self.conv2d(self.reflection_pad(x))


class TransformerNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = ConvLayer(3, 8, kernel_size=9, stride=1)
        self.in1 = torch.nn.InstanceNorm2d(8, affine=True)
        self.conv2 = ConvLayer(8, 16, kernel_size=3, stride=2)
        self.in2 = torch.nn.InstanceNorm2d(16, affine=True)
        self.res1 = ResidualBlock(16)
        self.deconv1 = UpsampleConvLayer(16, 8, kernel_size=3, stride=1, upsample=2)
        self.in4 = torch.nn.InstanceNorm2d(8, affine=True)
        self.deconv3 = ConvLayer(8, 3, kernel_size=9, stride=1)
        self.relu = torch.nn.ReLU()

    def forward(self, X):
        y = self.relu(self.in1(self.conv1(X)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.res1(y)
        y = self.relu(self.in4(self.deconv1(y)))
        return self.deconv3(y)


class FeatureNet(torch.nn.Module):
    """Stands in for utils' Vgg16(requires_grad=False): two named feature maps."""

    def __init__(self):
        super().__init__()
        self.slice1 = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, padding=1), torch.nn.ReLU())
        self.slice2 = torch.nn.Sequential(torch.nn.Conv2d(8, 8, 3, padding=1), torch.nn.ReLU())
        for param in self.parameters():
            param.requires_grad = False

    def forward(self, X):
        h_relu1_2 = self.slice1(X)
        h_relu2_2 = self.slice2(h_relu1_2)
        return namedtuple("VggOutputs", ["relu1_2", "relu2_2"])(h_relu1_2, h_relu2_2)


def gram_matrix(y):
    (b, ch, h, w) = y.size()
    features = y.view(b, ch, w * h)
    return features.bmm(features.transpose(1, 2)) / (ch * h * w)


def normalize_batch(batch):
    mean = batch.new_tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
    std = batch.new_tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)
    return (batch.div_(255.0) - mean) / std


device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
train_loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(torch.rand(4, 3, 32, 32) * 255), batch_size=2
)
transformer = TransformerNet().to(device)
optimizer = Adam(transformer.parameters(), 1e-3)
mse_loss = torch.nn.MSELoss()
vgg = FeatureNet().to(device)
style = (torch.rand(1, 3, 32, 32) * 255).repeat(2, 1, 1, 1).to(device)
gram_style = [gram_matrix(y) for y in vgg(normalize_batch(style))]
transformer.train()
for batch_id, (x,) in enumerate(train_loader):
    n_batch = len(x)
    optimizer.zero_grad()
    x = x.to(device)
    y = normalize_batch(transformer(x))
    x = normalize_batch(x)
    features_y, features_x = vgg(y), vgg(x)
    content_loss = 1e5 * mse_loss(features_y.relu2_2, features_x.relu2_2)
    style_loss = 0.0
    for ft_y, gm_s in zip(features_y, gram_style):
        style_loss += mse_loss(gram_matrix(ft_y), gm_s[:n_batch, :, :])
    total_loss = content_loss + 1e10 * style_loss
    total_loss.backward()
    optimizer.step()
    print(f"batch {batch_id}: content {content_loss.item():.2f} style {style_loss.item():.2f}")
    transformer.eval().cpu()
    torch.save(transformer.state_dict(), os.path.join(tempfile.gettempdir(), "ckpt_style.pth"))
    transformer.to(device).train()
