# Runnable companion of good.py for the runtime check (docs/runtime.md): detach, copy to
# the CPU, then convert. Runs clean under simulated CUDA.
import numpy as np
import torch
from torch import nn


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()
    probs = np.asarray(logits.softmax(-1).detach().cpu())
    return preds, probs


if __name__ == "__main__":
    print(predict(nn.Linear(4, 3), torch.randn(5, 4), torch.device("cuda")))
