# source: https://github.com/pytorch/pytorch/issues/520
# error: RuntimeError: CUDNN_STATUS_ARCH_MISMATCH
# pattern: module-cast-not-placed
# shape: helper, loader-loop
# looks-like: module-cast-not-placed
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


def build_block(cin, cout, use_cuda, half):
    block = nn.Sequential(nn.Conv2d(cin, cout, 5), nn.BatchNorm2d(cout), nn.ReLU())
    if use_cuda:
        block = block.cuda()
        if half:
            block = block.half()
    return block


def prepare(x, use_cuda, half):
    if use_cuda:
        x = x.cuda()
        if half:
            x = x.half()
    return x


def run(batches, use_cuda=True, half=True):
    m = build_block(3, 16, use_cuda, half)
    m.eval()
    outs = []
    with torch.no_grad():
        for x in batches:
            outs.append(m(prepare(x, use_cuda, half)).float().mean().item())
    return outs


if __name__ == "__main__":
    data = [torch.rand(1, 3, 100, 100) for _ in range(4)]
    print(run(data, use_cuda=torch.cuda.is_available()))
