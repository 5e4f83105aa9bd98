import torch


def loss_mask(answer, aggregation_mask):
    # Seen in a real model (TAPAS): the mask goes GPU -> CPU -> GPU on every step.
    mask = torch.logical_not(torch.isnan(answer)).type(torch.FloatTensor).to(answer.device)  # expect: TL103:51
    return mask * aggregation_mask


def rnd_mask(forward_loss, proportion, device):
    # cleanrl's RND: `mask` can only be a tensor, so the rewrite is safe.
    mask = torch.rand(len(forward_loss), device=device)
    return (mask < proportion).type(torch.FloatTensor).to(device)  # expect: TL103:32


def row_scale(weights, device):
    # Calls between the cast and the move run on the CPU: the rewrite runs them on
    # the GPU (the same values, up to the order of a sum), so it is unsafe.
    return weights.sum(1).type(torch.DoubleTensor).unsqueeze(1).cuda(device)  # expect: TL103:27
