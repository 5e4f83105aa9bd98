# source: https://github.com/Lyken17/pytorch-OpCounter/issues/228 https://github.com/lorenmt/shape-adaptor/issues/6
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: module-added-after-placement
# shape: helper, loader-loop
# bug-lines: 31, 32
# cpu: clean
# needs: torch
import argparse

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


def count_conv(m, x, y):
    m.total_ops += torch.DoubleTensor([y.numel() * m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]])


def count_linear(m, x, y):
    m.total_ops += torch.DoubleTensor([y.numel() * m.in_features])


HOOKS = {nn.Conv2d: count_conv, nn.Linear: count_linear}


def profile(model, inputs):
    handles = []
    for m in model.modules():
        if len(list(m.children())) > 0:
            continue
        m.register_buffer("total_ops", torch.zeros(1, dtype=torch.float64))
        m.register_buffer("total_params", torch.zeros(1, dtype=torch.float64))
        m.total_params[0] = sum(p.numel() for p in m.parameters())
        if type(m) in HOOKS:
            handles.append(m.register_forward_hook(HOOKS[type(m)]))
    with torch.no_grad():
        model(*inputs)
    total_ops = sum(m.total_ops.item() for m in model.modules() if hasattr(m, "total_ops"))
    total_params = sum(m.total_params.item() for m in model.modules() if hasattr(m, "total_params"))
    for h in handles:
        h.remove()
    return total_ops, total_params


def build_model(num_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(32, num_classes),
    )


def main_worker(args):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model().to(device)
    input_data = torch.randn(1, 3, 32, 32, device=device)
    flops, params = profile(model, inputs=(input_data,))
    print(f"FLOPs {flops / 1e6:.2f}M  params {params / 1e3:.1f}K")

    if torch.cuda.is_available():
        model = nn.DataParallel(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    loader = DataLoader(TensorDataset(torch.randn(32, 3, 32, 32), torch.randint(0, 10, (32,))), batch_size=8)
    for images, target in loader:
        images, target = images.to(device), target.to(device)
        loss = nn.functional.cross_entropy(model(images), target)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("loss", loss.item())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=0.05)
    main_worker(parser.parse_args())
