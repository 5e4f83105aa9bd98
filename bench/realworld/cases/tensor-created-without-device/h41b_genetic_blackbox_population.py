# source: https://github.com/BorealisAI/advertorch/pull/112
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, loader-loop
# bug-lines: 41, 42
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T


def fitness(model, x, pop, y):
    b, n, d = pop.shape
    adv = (x[:, None, :] + pop).clamp(0, 1).reshape(b * n, 3, 32, 32)
    with torch.no_grad():
        probs = F.softmax(model(adv), dim=1).reshape(b, n, -1)
    true_p = probs.gather(2, y[:, None, None].expand(b, n, 1)).squeeze(2)
    return -torch.log(true_p + 1e-8)


def select_and_mutate(pop, fit, eps, tau=0.1, alpha=0.4, rho=0.5):
    b, n, d = pop.shape
    probs = F.softmax(fit / tau, dim=1)
    idx1 = torch.multinomial(probs, n, replacement=True)
    idx2 = torch.multinomial(probs, n, replacement=True)
    p1 = pop.gather(1, idx1[:, :, None].expand(-1, -1, d))
    p2 = pop.gather(1, idx2[:, :, None].expand(-1, -1, d))
    f1, f2 = fit.gather(1, idx1), fit.gather(1, idx2)
    take_p1 = (f1 / (f1 + f2))[:, :, None] > torch.rand_like(p1)
    child = torch.where(take_p1, p1, p2)
    noise = (2 * torch.rand_like(child) - 1) * alpha * eps[:, None, None]
    mask = (torch.rand_like(child) < rho).float()
    return torch.max(torch.min(child + mask * noise, eps[:, None, None]), -eps[:, None, None])


def gen_attack(model, x, y, eps_value, pop_size=64, n_iter=30):
    b, d = x.shape
    eps = torch.full((b,), eps_value, device=x.device)
    pop = 2 * torch.rand(b, pop_size, d) - 1
    pop = eps[:, None, None] * pop
    for _ in range(n_iter):
        fit = fitness(model, x, pop, y)
        pop = select_and_mutate(pop, fit, eps)
    best = fit.argmax(1)
    return (x + pop[torch.arange(b, device=x.device), best]).clamp(0, 1)


if __name__ == "__main__":
    device = torch.device("cuda")
    model = torchvision.models.resnet18(num_classes=10).to(device).eval()
    data = torchvision.datasets.CIFAR10("./data", train=False, download=True,
                                        transform=T.ToTensor())
    loader = torch.utils.data.DataLoader(data, batch_size=16)
    fooled = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        adv = gen_attack(model, images.flatten(1), labels, eps_value=8 / 255)
        with torch.no_grad():
            fooled += (model(adv.view_as(images)).argmax(1) != labels).sum().item()
        break
    print("fooled", fooled)
