# Runnable companion of good.py for the runtime check (docs/runtime.md): the alias is
# taken after the move. Runs clean under simulated CUDA.
import torch
from torch import nn


def evaluate(model, batch, device):
    model.to(device)
    pixel_values = torch.as_tensor(batch["pixel_values"])
    pixel_values = pixel_values.to(device)
    original = pixel_values  # taken after the move
    features = model(pixel_values)
    recon = model(original)
    return features, recon


if __name__ == "__main__":
    autoencoder = nn.Sequential(nn.Linear(6, 3), nn.ReLU(), nn.Linear(3, 6))
    features, recon = evaluate(autoencoder, {"pixel_values": [[0.5] * 6]}, torch.device("cuda"))
    print((features - recon).abs().max())
