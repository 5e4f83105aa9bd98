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


def loss_mask(answer, aggregation_mask):
    # Moved back in the same expression: the mask ends on answer's device. The round
    # trip through the CPU costs a copy and a synchronisation: TL103 (opt-in).
    mask = torch.logical_not(torch.isnan(answer)).type(torch.FloatTensor).to(answer.device)
    return mask * aggregation_mask


def batch_target(target, device):
    # A loader's CPU tensor, cast and then placed.
    return target.type(torch.FloatTensor).unsqueeze(1).to(device)
