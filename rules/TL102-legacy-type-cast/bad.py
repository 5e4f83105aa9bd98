# Legacy tensor types carry a device as well as a dtype: these casts are moves.
import torch
import torch as th


def loss_mask(answer, aggregation_mask):
    # The mask leaves the GPU: the product with the GPU mask fails. (Moved back
    # right after, `.type(torch.FloatTensor).to(answer.device)`, it is a round trip
    # through the CPU: TL103, opt-in.)
    mask = torch.logical_not(torch.isnan(answer)).type(torch.FloatTensor)  # expect: TL102:51
    return mask * aggregation_mask


def attention_bias(scores, mask):
    # On a CPU tensor this lands on the *current* GPU, not the one `scores` is on.
    bias = mask.type(th.cuda.HalfTensor)  # expect: TL102:17
    return scores + bias


def labels_like(logits, labels):
    # A type string has no device index: cuda:0 even when logits is on cuda:1.
    return labels.type(logits.type())  # expect: TL102:19


def from_string(x):
    # `x` could be a module, whose .type() also casts integer buffers: unsafe fix.
    return x.type("torch.DoubleTensor")  # expect: TL102:14


def rnd_mask(forward_loss, proportion, device):
    # cleanrl's RND: `mask` can only be a tensor, so the rewrite is safe.
    mask = torch.rand(len(forward_loss), device=device)
    return (mask < proportion).type(torch.FloatTensor)  # expect: TL102:32
