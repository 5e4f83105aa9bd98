# Runnable companion of bad.py for the runtime check (docs/runtime.md):
#   torchlint --select TL208 --confirm rules/TL208-current-gpu-mismatch/runtime_bad.py --devices 2
# devices: 2
# On a host with two GPUs the model goes to the one --gpu picks (1), its inputs to
# the current GPU (0): 'found at least two devices, cuda:1 and cuda:0'.
import torch
from torch import nn


def classify(gpu, ids):
    model = nn.Embedding(100, 8).cuda(gpu)
    ids = ids.cuda()  # expect: TL208:11 lines=11,13
    return model(ids)


if __name__ == "__main__":
    print(classify(1, torch.randint(0, 100, (4, 6))).shape)
