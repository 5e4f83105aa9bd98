# source: https://github.com/Jermmy/pytorch-quantization-demo/issues/14
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 37, 47
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class QParam(nn.Module):
    def __init__(self, num_bits=8):
        super().__init__()
        self.num_bits = num_bits
        self.register_buffer("scale", torch.ones(1))
        self.register_buffer("zero_point", torch.zeros(1))
        self.register_buffer("min", torch.zeros(1))
        self.register_buffer("max", torch.zeros(1))

    def update(self, tensor):
        self.min.copy_(torch.minimum(self.min, tensor.min().reshape(1)))
        self.max.copy_(torch.maximum(self.max, tensor.max().reshape(1)))
        qmax = 2.0 ** self.num_bits - 1.0
        self.scale.copy_((self.max - self.min).clamp(min=1e-8) / qmax)
        self.zero_point.copy_((qmax - self.max / self.scale).round().clamp(0, qmax))


class QConv2d(nn.Module):
    def __init__(self, conv_module, num_bits=8):
        super().__init__()
        self.conv_module = conv_module
        self.qi = QParam(num_bits)
        self.qw = QParam(num_bits)
        self.qo = QParam(num_bits)
        self.M = torch.tensor([], requires_grad=False)

    def forward(self, x):
        self.qi.update(x)
        self.qw.update(self.conv_module.weight.data)
        out = self.conv_module(x)
        self.qo.update(out)
        return out

    def freeze(self):
        self.M = (self.qw.scale * self.qi.scale / self.qo.scale).detach()
        self.conv_module.weight.data = (self.conv_module.weight.data / self.qw.scale).round()

    def quantize_inference(self, x):
        x = x - self.qi.zero_point
        x = self.conv_module(x)
        x = (self.M * x).round() + self.qo.zero_point
        return x.clamp(0, 2 ** self.qo.num_bits - 1)


def calibrate(qconv, loader):
    with torch.no_grad():
        for images in loader:
            qconv(images)
    qconv.freeze()


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    qconv1 = QConv2d(nn.Conv2d(1, 8, 3, padding=1, bias=False))
    calib_loader = [torch.rand(16, 1, 28, 28) for _ in range(4)]
    calibrate(qconv1, calib_loader)
    qconv1.to(device)
    test_loader = [torch.rand(16, 1, 28, 28) for _ in range(2)]
    with torch.no_grad():
        for images in test_loader:
            q_images = (images / qconv1.qi.scale.cpu() + qconv1.qi.zero_point.cpu()).round()
            out = qconv1.quantize_inference(q_images.to(device))
            print(out.shape, F.relu(out).mean().item())
