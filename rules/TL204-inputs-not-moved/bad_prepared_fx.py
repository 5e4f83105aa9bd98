# FX graph-mode quantization: `prepare_fx` hands back a GraphModule over the model's
# own parameters, on the model's device, with observers put there too. Calibration
# batches from the loader stay on the CPU.
import torch
from torch import nn
from torch.ao.quantization import get_default_qconfig_mapping
from torch.ao.quantization.quantize_fx import prepare_fx


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(8, 10)

    def forward(self, x):
        return self.head(self.body(x))


def calibrate(loader, batches=32):
    model = TinyNet().cuda().eval()
    example = (torch.randn(1, 3, 32, 32, device="cuda"),)
    prepared = prepare_fx(model, get_default_qconfig_mapping("fbgemm"), example)
    with torch.no_grad():
        for i, (images, _) in enumerate(loader):
            if i == batches:
                break
            prepared(torch.as_tensor(images))  # expect: TL204:22 lines=28,21
    return prepared
