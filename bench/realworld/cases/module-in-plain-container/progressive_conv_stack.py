# source: https://github.com/pytorch/pytorch/issues/8017
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-in-plain-container
# shape: class, top-level
# bug-lines: 17
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
import torch.nn.functional as F


class Model(nn.Module):
    def __init__(self, in_channels, out_channels, layer_size, num_classes=10):
        super(Model, self).__init__()
        self.stem = nn.BatchNorm2d(in_channels)
        self.conv = []
        for idx in range(layer_size):
            self.conv.append(nn.Conv2d(in_channels, out_channels, kernel_size=(3, 3)))
            in_channels = out_channels
            out_channels *= 2
        self.classifier = nn.Linear(in_channels, num_classes)

    def forward(self, x):
        x = self.stem(x)
        for conv in self.conv:
            x = F.relu(conv(x))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.classifier(x)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Model(in_channels=1, out_channels=16, layer_size=3).to(device)
model.eval()

batches = [torch.randn(4, 1, 32, 32) for _ in range(3)]
with torch.no_grad():
    for batch in batches:
        logits = model(batch.to(device))
        print(logits.argmax(dim=1).tolist())
