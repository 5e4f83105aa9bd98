# scikit-learn, scipy and pyplot make numpy arrays of the tensors they are given.
import matplotlib.pyplot as plt
import torch
from sklearn.metrics import roc_auc_score


def evaluate(model, loader, device):
    model.to(device)
    with torch.no_grad():
        for images, targets in loader:
            probs = model(images.to(device)).sigmoid()
            print(roc_auc_score(targets, probs))  # expect: TL501:19


def show_attention(model, image, device):
    model.to(device)
    attention = model(image.to(device))
    plt.imshow(attention[0, 0])  # expect: TL501:5
    plt.show()
