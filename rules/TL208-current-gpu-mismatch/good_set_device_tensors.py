import torch


# The worker sets its GPU as the current one: `.cuda()` is `cuda:{rank}`.
def step(rank, batch):
    torch.cuda.set_device(rank)
    x = batch.to(f"cuda:{rank}")
    pos = torch.arange(x.shape[1]).cuda()
    return x + pos
