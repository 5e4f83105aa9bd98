# The same calls, given tensors copied to the host first.
import matplotlib.pyplot as plt
import torch
from sklearn.metrics import roc_auc_score


def evaluate(model, loader, device):
    model.to(device)
    with torch.no_grad():
        for images, targets in loader:
            probs = model(images.to(device)).sigmoid()
            print(roc_auc_score(targets, probs.cpu()))


def show_attention(model, image, device):
    model.to(device)
    attention = model(image.to(device)).cpu()
    plt.imshow(attention[0, 0])
    plt.figure(figsize=(4, 4))  # (settings, no arrays)
