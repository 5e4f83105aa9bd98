import torch


def evaluate(model, batch, device):
    model.to(device)
    pixel_values = torch.as_tensor(batch["pixel_values"])
    original = pixel_values
    pixel_values = pixel_values.to(device)
    features = model(pixel_values)
    recon = model(original)  # expect: TL206:19 lines=8
    return features, recon
