# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL204 --confirm rules/TL204-inputs-not-moved/runtime_bad.py
# A classifier moved to the GPU, scored on features made on the CPU and never moved.
import torch
from torch import nn


def score(model, features):
    model.cuda()
    x = torch.tensor(features, dtype=torch.float32)
    return model(x)  # expect: TL204:18 lines=10,9


if __name__ == "__main__":
    classifier = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 2))
    print(score(classifier, [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]).softmax(-1))
