# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL206 --confirm rules/TL206-stale-alias/runtime_bad.py
# `original` was taken before the batch moved to the GPU: it still names the CPU
# tensor, and the second call mixes it with the GPU model.
import torch
from torch import nn


def evaluate(model, batch, device):
    model.to(device)
    pixel_values = torch.as_tensor(batch["pixel_values"])
    original = pixel_values
    pixel_values = pixel_values.to(device)
    features = model(pixel_values)
    recon = model(original)  # expect: TL206:19 lines=13
    return features, recon


if __name__ == "__main__":
    autoencoder = nn.Sequential(nn.Linear(6, 3), nn.ReLU(), nn.Linear(3, 6))
    features, recon = evaluate(autoencoder, {"pixel_values": [[0.5] * 6]}, torch.device("cuda"))
    print((features - recon).abs().max())
