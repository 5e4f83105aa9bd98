import numpy as np
import torch


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()
    cpu = torch.zeros(3).numpy()
    probs = np.asarray(logits.softmax(-1).cpu())
    return preds, cpu, probs


def unknown(t):
    return t.numpy()  # nothing says where t is
