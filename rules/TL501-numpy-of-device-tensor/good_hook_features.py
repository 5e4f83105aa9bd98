import torch
from torchvision.models import resnet50


def embed(images, device):
    net = resnet50(weights=None).to(device).eval()
    pooled = []
    handle = net.avgpool.register_forward_hook(
        lambda mod, inp, out: pooled.append(out.flatten(1).cpu())
    )
    with torch.no_grad():
        net(images.to(device))
    handle.remove()
    return pooled[0].squeeze(0).numpy()


def embed_all(batches, device):
    net = resnet50(weights=None).to(device).eval()
    pooled = []
    net.avgpool.register_forward_hook(lambda mod, inp, out: pooled.append(out.flatten(1)))
    with torch.no_grad():
        for images in batches:
            net(images.to(device))
    return torch.cat(pooled).cpu().numpy()
