# source: https://github.com/intel/intel-extension-for-pytorch/pull/264
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (XPUFloatType) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: discarded-tensor-move
# shape: helper, batch-dict, top-level
# looks-like: discarded-tensor-move
# cpu: clean
# needs: torch
import argparse
import time

import torch
import torch.nn as nn


class SmallConvNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.conv(x))).flatten(1))


def to_device(batch, device):
    moved = {}
    for key, value in batch.items():
        moved[key] = value.to(device, non_blocking=True)
    return moved


parser = argparse.ArgumentParser()
parser.add_argument("--iters", type=int, default=5)
parser.add_argument("--batch-size", type=int, default=4)
args = parser.parse_args()

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = SmallConvNet()
model.to(device)
model.eval()

data = torch.rand(args.batch_size, 3, 32, 32)
data = data.to(device)
labels = torch.randint(0, 10, (args.batch_size,))
batch = to_device({"pixel_values": data, "labels": labels}, device)

with torch.no_grad():
    start = time.time()
    for _ in range(args.iters):
        logits = model(batch["pixel_values"])
    elapsed = time.time() - start
    preds = logits.argmax(dim=-1)
    preds = preds.to("cpu")
accuracy = (preds == labels).float().mean().item()
print(f"{args.iters} iterations in {elapsed:.3f}s, accuracy {accuracy:.2f}")
