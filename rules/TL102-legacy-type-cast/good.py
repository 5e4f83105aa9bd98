import torch


def merge_bias(module, weight):
    # Already on weight's device (device=weight.device): .type() keeps the device when
    # the device type matches, so this is only a cast.
    zeros = torch.zeros(module.out_chs, device=weight.device).type(weight.type())
    return zeros


def modern(x, logits):
    a = x.to(device="cuda", dtype=torch.float16)
    b = x.to(logits)
    c = x.type(torch.float16)  # a dtype, not a legacy type: TL103 (opt-in)
    return a, b, c, x.type()


def not_a_tensor_type(x):
    return x.type("half precision")  # not a tensor type name
