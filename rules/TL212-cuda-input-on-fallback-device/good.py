import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


# The inputs follow the model's device.
def evaluate(model, loader):
    for images, labels in loader:
        logits = model(images.to(device))
        print((logits.argmax(-1) == labels.to(device)).float().mean())


# `.cuda()` only where the GPU run goes: the run without one never reaches it.
def step(model, batch):
    if torch.cuda.is_available():
        batch = batch.cuda()
    return model(batch)


# A script that needs a GPU anyway: the model is on "cuda" too (TL403's, off by
# default).
def gpu_only(batch):
    model = nn.Linear(4, 2).to("cuda")
    return model(batch.cuda())


# A GPU chosen by index is not the fallback's "cuda": TL208's story, not this one.
def on_rank(model, batch, rank):
    return model(batch.cuda(rank))


if __name__ == "__main__":
    net = nn.Linear(4, 2).to(device)
    evaluate(net, [(torch.rand(3, 4), torch.tensor([0, 1, 1]))])
    step(net, torch.rand(3, 4))
