import torch
from torch.func import functional_call


def snapshot(model):
    return {name: p.detach().cpu().clone() for name, p in model.named_parameters()}


def to_device(state, device):
    # The loop's name now holds the moved copy; the dict keeps the CPU tensors.
    for name, tensor in state.items():
        tensor = tensor.to(device, non_blocking=True)  # expect: TL205:18
    return state


def move_all(tensors, device):
    for t in tensors:
        t = t.cuda(device)  # expect: TL205:13
    return tensors


def rollout(policy, obs, device):
    trainer = torch.nn.Linear(4, 4)
    weights = to_device(snapshot(trainer), device)
    extras = move_all([torch.zeros(3), torch.ones(3)], device)
    return functional_call(policy, weights, (obs,)), extras
