# source: https://github.com/VainF/Torch-Pruning/issues/147
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Magnitude pruning helpers and a hook-based MAC counter."""
import torch
import torch.nn as nn
import torch.nn.utils.prune as prune


def count_macs(model, example_inputs):
    macs = []

    def conv_hook(module, inp, out):
        k = module.kernel_size[0] * module.kernel_size[1]
        macs.append(out.numel() * module.in_channels // module.groups * k)

    def linear_hook(module, inp, out):
        macs.append(out.numel() * module.in_features)

    handles = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            handles.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(linear_hook))
    model.eval()
    with torch.no_grad():
        model(example_inputs)
    for h in handles:
        h.remove()
    return sum(macs)


def l1_channel_prune(model, amount):
    for m in model.modules():
        if isinstance(m, nn.Conv2d) and m.groups == 1 and m.out_channels > 8:
            prune.ln_structured(m, name="weight", amount=amount, n=1, dim=0)
            prune.remove(m, "weight")
