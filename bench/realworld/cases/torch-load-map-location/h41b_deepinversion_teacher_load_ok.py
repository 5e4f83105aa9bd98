# source: https://github.com/NVlabs/DeepInversion/pull/38
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, top-level
# looks-like: torch-load-map-location
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
import torchvision.models as models


def load_model_pytorch(model, load_model, gpu_n=0):
    """Load a (possibly DataParallel-saved) teacher checkpoint onto whatever is available."""
    print(f"=> loading checkpoint '{load_model}'")
    if torch.cuda.is_available():
        checkpoint = torch.load(load_model,
                                map_location=lambda storage, loc: storage.cuda(gpu_n))
    else:
        checkpoint = torch.load(load_model, map_location="cpu")
    state = checkpoint.get("state_dict", checkpoint)
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        print(f"   missing={len(missing)} unexpected={len(unexpected)}")
    return model


class BNFeatureHook:
    """Records the batch statistics a BatchNorm layer sees, for the DeepInversion prior."""

    def __init__(self, module):
        self.hook = module.register_forward_hook(self.hook_fn)
        self.r_feature = None

    def hook_fn(self, module, inputs, output):
        x = inputs[0]
        mean = x.mean([0, 2, 3])
        var = x.permute(1, 0, 2, 3).reshape(x.shape[1], -1).var(1, unbiased=False)
        self.r_feature = (torch.norm(module.running_var - var, 2)
                          + torch.norm(module.running_mean - mean, 2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--teacher", default="checkpoints/resnet50_teacher.pth.tar")
    parser.add_argument("--gpu", type=int, default=0)
    parser.add_argument("--bs", type=int, default=16)
    args = parser.parse_args()

    device = torch.device(f"cuda:{args.gpu}" if torch.cuda.is_available() else "cpu")
    net = load_model_pytorch(models.resnet50(), args.teacher, gpu_n=args.gpu)
    net = net.to(device).eval()
    hooks = [BNFeatureHook(m) for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    inputs = torch.randn(args.bs, 3, 224, 224, device=device, requires_grad=True)
    targets = torch.randint(0, 1000, (args.bs,), device=device)
    opt = torch.optim.Adam([inputs], lr=0.25)
    for it in range(200):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(inputs), targets)
        loss = loss + 0.01 * sum(h.r_feature for h in hooks)
        loss.backward()
        opt.step()
    print("final loss", loss.item())
