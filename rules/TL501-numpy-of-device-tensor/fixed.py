import numpy as np
import torch


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()  # expect: TL501:13
    probs = np.asarray(logits.softmax(-1).detach().cpu())  # expect: TL501:13
    return preds, probs


def embed(images):
    # `images` is only known as something moved with .cuda(): a custom container
    # may have its own .numpy(), so the fix (which assumes a tensor) is unsafe.
    images = images.cuda()
    return images.mean(0).numpy()  # expect: TL501:12 lines=16


def evaluate(model, batches, device):
    model.to(device)
    preds = []
    with torch.no_grad():
        for batch in batches:
            preds.append(model(batch.to(device)))
    return np.concatenate(preds, 0)  # expect: TL501:12
