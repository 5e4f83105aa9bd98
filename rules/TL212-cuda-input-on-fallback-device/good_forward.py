import torch
from torch import nn


class Tagger(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.head = nn.Linear(8, classes)
        self.classes = classes

    def forward(self, x):
        probs = self.head(x).softmax(-1)
        # Made where the input is: on the CPU in the run without a GPU.
        bias = torch.zeros(self.classes, device=x.device)
        # Only the GPU run takes these branches.
        if x.is_cuda:
            bias = bias + torch.cuda.FloatTensor([0.1] * self.classes)
        if torch.cuda.is_available():
            probs = probs.cuda()
        # The fallback itself, chosen again inside: the CPU without a GPU.
        here = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        dev = "cuda" if torch.cuda.is_available() else "cpu"
        scale = torch.ones(self.classes, device=dev) + torch.ones(self.classes).to(dev)
        return probs * scale.to(torch.device(dev)) + bias.to(here)


class GpuOnly(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        return self.head(x) + torch.ones(3, device="cuda")


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = Tagger().to(device)
    print(model(torch.rand(2, 8, device=device)))
    # A model placed on "cuda" outright: the script needs a GPU anyway (TL403's).
    gpu = GpuOnly().to("cuda")
    print(gpu(torch.rand(2, 8, device="cuda")))
