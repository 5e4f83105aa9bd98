# source: https://github.com/maudzung/Complex-YOLOv4-Pytorch/issues/43
# error: RuntimeError: Attempting to deserialize object on CUDA device 2 but torch.cuda.device_count() is 1. Please use torch.load with map_location to map your storages to an existing device.
# pattern: torch-load-map-location
# shape: helper
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume first-order MAML meta-training from a checkpoint written on another machine."""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv4(out_features=5, hidden=64):
    layers, cin = [], 1
    for _ in range(4):
        layers += [nn.Conv2d(cin, hidden, 3, padding=1), nn.BatchNorm2d(hidden), nn.ReLU(), nn.MaxPool2d(2)]
        cin = hidden
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(hidden, out_features))


def load_checkpoint(path, model, meta_opt, device):
    ckpt = torch.load(path, map_location=device)
    model.load_state_dict(ckpt["model"])
    meta_opt.load_state_dict(ckpt["meta_opt"])
    return ckpt.get("step", 0)


def load_warm_start(path, model):
    state = torch.load(path, map_location=lambda storage, loc: storage)
    missing, unexpected = model.load_state_dict(state, strict=False)
    print("warm start: missing", missing, "unexpected", unexpected)


def adapt(model, support_x, support_y, inner_lr=0.4, steps=1):
    params = dict(model.named_parameters())
    for _ in range(steps):
        logits = torch.func.functional_call(model, params, (support_x,))
        grads = torch.autograd.grad(F.cross_entropy(logits, support_y), params.values())
        params = {k: p - inner_lr * g.detach() for (k, p), g in zip(params.items(), grads)}
    return params


def main(ckpt_path="checkpoints/maml_omniglot_5w1s.pt", warm_path="checkpoints/pretrained_conv4.pt"):
    device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
    model = conv4().to(device)
    meta_opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    step = 0
    if os.path.isfile(ckpt_path):
        step = load_checkpoint(ckpt_path, model, meta_opt, device)
    elif os.path.isfile(warm_path):
        load_warm_start(warm_path, model)
    print(f"resuming meta-training at step {step} on {device}")
    return model, meta_opt, step


if __name__ == "__main__":
    main()
