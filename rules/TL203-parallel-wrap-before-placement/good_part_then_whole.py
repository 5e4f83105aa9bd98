# The ImageNet example's way for AlexNet and VGG: only the convolutional features are
# wrapped in DataParallel, and the whole model is moved right after, which moves the
# wrapped part with it before the first call.
import torch
import torchvision.models as models


def build(arch, gpu=None):
    model = models.__dict__[arch]()
    if gpu is not None:
        torch.cuda.set_device(gpu)
        model.cuda(gpu)
    elif arch.startswith(("alexnet", "vgg")):
        model.features = torch.nn.DataParallel(model.features)
        model.cuda()
    else:
        model = torch.nn.DataParallel(model).cuda()
    return model


if __name__ == "__main__":
    net = build("vgg16")
    print(net(torch.randn(2, 3, 224, 224).cuda()).shape)
