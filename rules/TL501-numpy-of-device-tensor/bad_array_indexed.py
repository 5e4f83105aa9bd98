# A numpy array indexed by a tensor makes a numpy array of the index first: the
# ranking is on the GPU.
import numpy as np
import torch


@torch.no_grad()
def top_captions(scorer, features, captions, device, k=5):
    scorer = scorer.to(device)
    scores = scorer(features.to(device)).squeeze(-1)
    ranked = scores.argsort(descending=True)
    return captions[ranked[:k]]  # expect: TL501:12


if __name__ == "__main__":
    names = np.array(["a dog", "a cat", "a bird", "a car", "a tree", "a boat"])
    net = torch.nn.Linear(16, 1)
    print(top_captions(net, torch.randn(6, 16), names, torch.device("cuda")))
