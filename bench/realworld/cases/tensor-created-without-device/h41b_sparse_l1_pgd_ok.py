# source: https://github.com/BorealisAI/advertorch/issues/96
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# looks-like: tensor-created-without-device
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T


def random_l1_init(x, eps):
    """Sample a start point inside the L1 ball of radius eps around x."""
    b = x.shape[0]
    noise = torch.rand(x.shape, device=x.device).sign() * torch.rand(x.shape, device=x.device)
    norms = noise.flatten(1).abs().sum(1).clamp(min=1e-12)
    radius = eps * torch.rand(b, device=x.device)
    return noise * (radius / norms).view(b, 1, 1, 1)


def dlr_margin(logits, labels):
    one_hot = torch.eye(logits.shape[1], device=logits.device)[labels]
    true = (logits * one_hot).sum(1)
    other = (logits - 1e4 * one_hot).max(1)[0]
    return other - true


def sparse_l1_pgd(model, x, y, eps=10.0, step=1.0, n_iter=20, sparsity=0.99):
    delta = random_l1_init(x, eps)
    delta = torch.clamp(x + delta, 0, 1) - x
    delta.requires_grad_(True)
    for _ in range(n_iter):
        loss = dlr_margin(model(x + delta), y).sum()
        grad, = torch.autograd.grad(loss, delta)
        g = grad.abs().flatten(1)
        thresh = torch.quantile(g, sparsity, dim=1, keepdim=True)
        mask = (g >= thresh).view_as(grad).to(grad.dtype)
        direction = grad.sign() * mask
        direction = direction / direction.flatten(1).abs().sum(1).clamp(min=1).view(-1, 1, 1, 1)
        with torch.no_grad():
            delta += step * direction
            delta.copy_(torch.clamp(x + delta, 0, 1) - x)
    return (x + delta).detach()


if __name__ == "__main__":
    device = torch.device("cuda:1" if torch.cuda.device_count() > 1 else "cuda:0")
    model = torchvision.models.resnet18(num_classes=10).to(device).eval()
    data = torchvision.datasets.CIFAR10("./data", train=False, download=True,
                                        transform=T.ToTensor())
    loader = torch.utils.data.DataLoader(data, batch_size=32)
    wrong = total = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        adv = sparse_l1_pgd(model, images, labels)
        with torch.no_grad():
            wrong += (model(adv).argmax(1) != labels).sum().item()
        total += labels.numel()
        if total >= 256:
            break
    print(f"attack success rate: {wrong / total:.3f}")
