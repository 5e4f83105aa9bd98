# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL501 --confirm rules/TL501-numpy-of-device-tensor/runtime_bad.py
# Predictions computed on the GPU are handed to numpy without coming back to the CPU:
# "can't convert cuda:0 device type tensor to numpy".
import torch
from torch import nn


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).numpy()  # expect: TL501:13
    return preds


if __name__ == "__main__":
    print(predict(nn.Linear(4, 3), torch.randn(5, 4), torch.device("cuda")))
