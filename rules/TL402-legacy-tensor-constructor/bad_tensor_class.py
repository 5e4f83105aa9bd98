# type(t) is torch.Tensor for a tensor on any device (every dtype and device share one
# class), and calling it is the legacy constructor: a new CPU tensor in the default
# dtype. Code written for torch 0.3, where type(t) was torch.cuda.FloatTensor, breaks.
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def vgg_preprocess(batch):
    tensortype = type(batch.data)
    r, g, b = torch.chunk(batch, 3, dim=1)
    batch = torch.cat((b, g, r), dim=1)  # RGB -> BGR
    mean = tensortype(batch.data.size())  # expect: TL402:12 lines=11,32,18
    mean[:, 0, :, :] = 103.939
    mean[:, 1, :, :] = 116.779
    mean[:, 2, :, :] = 123.680
    return batch.sub(mean)


def add_noise(x, scale):
    # The class called directly, and filled in place: still a CPU tensor.
    return x + scale * type(x)(x.size()).normal_()  # expect: TL402:24 lines=38,23


class PerceptualLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.vgg = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())

    def forward(self, img):
        return self.vgg(vgg_preprocess(img)).mean()


if __name__ == "__main__":
    loss = PerceptualLoss().to(device)
    print(loss(torch.rand(2, 3, 16, 16, device=device)))
    print(add_noise(torch.rand(4, 8).to(device), 0.1))


def balanced_loss(counts, device):
    # torch.Tensor is the legacy constructor too: given a GPU device it raises
    weights = [sum(counts) / (len(counts) * max(c, 1)) for c in counts]
    return nn.CrossEntropyLoss(weight=torch.Tensor(weights, device=device))  # expect: TL402:39
