import argparse
import os

import torch
import torch.nn as nn


# torchrun: every worker makes its own GPU the current one, so `.cuda()` is that GPU.
def main(args):
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    model = nn.Linear(16, 2).to(f"cuda:{local_rank}")
    x = torch.randn(8, 16).cuda()
    return model(x)


if __name__ == "__main__":
    main(argparse.ArgumentParser().parse_args())
