# The architecture is picked by name from torchvision.models, and the model it builds
# is placed on the GPU before DataParallel wraps it.
import argparse

import torch
import torchvision


def build(arch, classes):
    model = getattr(torchvision.models, arch)(num_classes=classes)
    return torch.nn.DataParallel(model.cuda())


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", default="resnet18")
    args = parser.parse_args()
    net = build(args.arch, 10)
    images = torch.randn(4, 3, 224, 224).cuda()
    print(net(images).shape)
