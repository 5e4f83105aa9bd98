import torch


def evaluate(model, batch, device):
    model.to(device)
    pixel_values = torch.as_tensor(batch["pixel_values"])
    pixel_values = pixel_values.to(device)
    original = pixel_values  # taken after the move
    return model(original)


def cpu_copy_on_purpose(model, x):
    # Nothing is on a GPU: the alias is just the CPU original.
    x = torch.as_tensor(x)
    keep = x
    x = x.half()
    return model(keep)
