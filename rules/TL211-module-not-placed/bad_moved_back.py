# The feature extractor is used on the GPU to precompute features, then moved back
# to the CPU to free memory; a later evaluation step calls it again with a batch that
# is on the GPU.
import torch
from torch import nn


def train(batches, device):
    extractor = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
    head = nn.Linear(16, 10).to(device)
    extractor.to(device)
    with torch.no_grad():
        cached = [(extractor(x.to(device)), y.to(device)) for x, y in batches]
    extractor.to("cpu")
    torch.cuda.empty_cache()
    optimizer = torch.optim.SGD(head.parameters(), lr=0.1)
    for feats, labels in cached:
        loss = nn.functional.cross_entropy(head(feats), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    probe = torch.randn(1, 3, 32, 32, device=device)
    return head(extractor(probe))  # expect: TL211:17 lines=14,22
