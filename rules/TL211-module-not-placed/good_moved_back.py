# The feature extractor is moved back to the CPU after the features are cached: the
# probe made on the GPU afterwards must go to the CPU too (or the extractor back to the
# device) before the call.
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
    probe = torch.randn(1, 3, 32, 32)
    return head(extractor(probe).to(device))
