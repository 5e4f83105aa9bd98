import torch


def snapshot(model):
    return {name: p.detach().cpu().clone() for name, p in model.named_parameters()}


def to_device(state, device):
    # Written back into the dict.
    for name, tensor in state.items():
        state[name] = tensor.to(device, non_blocking=True)
    return state


def moved_copies(tensors, device):
    out = []
    for t in tensors:
        t = t.to(device)  # read right after: the copy is kept
        out.append(t)
    return out


def place_modules(modules, device):
    for m in modules:
        m = m.to(device)  # a module moves in place: nothing is lost
    return modules


def run(device):
    trainer = torch.nn.Linear(4, 4)
    weights = to_device(snapshot(trainer), device)
    parts = moved_copies([torch.zeros(3), torch.ones(3)], device)
    layers = place_modules([torch.nn.Linear(3, 3)], device)
    return weights, parts, layers
