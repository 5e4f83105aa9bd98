import torch
from torchvision.models import resnet50


def embed(images, device):
    # A forward hook keeps what the pooling layer gives: the output of a layer of a
    # model on the device.
    net = resnet50(weights=None).to(device).eval()
    pooled = []
    handle = net.avgpool.register_forward_hook(lambda mod, inp, out: pooled.append(out.flatten(1)))
    with torch.no_grad():
        net(images.to(device))
    handle.remove()
    return pooled[0].squeeze(0).numpy()  # expect: TL501:12


def embed_all(batches, device):
    # Every batch's pooled features, joined: still the outputs of a model there.
    net = resnet50(weights=None).to(device).eval()
    pooled = []
    net.avgpool.register_forward_hook(lambda mod, inp, out: pooled.append(out.flatten(1)))
    with torch.no_grad():
        for images in batches:
            net(images.to(device))
    return torch.cat(pooled).numpy()  # expect: TL501:12
