# source: https://github.com/Harry24k/adversarial-attacks-pytorch/issues/120
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 47
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.optim as optim
import torchvision
import torchvision.transforms as T


class CarliniWagnerL2:
    """Minimal C&W L2 attack used in our robustness evaluation suite."""

    def __init__(self, model, c=1.0, kappa=0.0, steps=50, lr=0.01):
        self.model = model
        self.c = c
        self.kappa = kappa
        self.steps = steps
        self.lr = lr
        self.device = next(model.parameters()).device

    def __call__(self, images, labels):
        images = images.clone().detach().to(self.device)
        labels = labels.clone().detach().to(self.device)
        w = torch.atanh(torch.clamp(images * 2 - 1, -1 + 1e-6, 1 - 1e-6)).detach()
        w.requires_grad_(True)
        opt = optim.Adam([w], lr=self.lr)
        best_adv = images.clone()
        for _ in range(self.steps):
            adv = (torch.tanh(w) + 1) / 2
            l2 = ((adv - images) ** 2).flatten(1).sum(1)
            logits = self.model(adv)
            margin = self._margin(logits, labels)
            loss = l2.sum() + self.c * margin.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            best_adv = adv.detach()
        return best_adv

    def _margin(self, logits, labels):
        num_classes = logits.shape[1]
        one_hot = torch.eye(num_classes)[labels].to(self.device)
        real = (one_hot * logits).sum(1)
        other = ((1 - one_hot) * logits - one_hot * 1e4).max(1)[0]
        return torch.clamp(real - other, min=-self.kappa)


def robust_accuracy(model, loader, attack):
    correct, total = 0, 0
    for images, labels in loader:
        adv = attack(images, labels)
        with torch.no_grad():
            pred = model(adv).argmax(1).cpu()
        correct += (pred == labels).sum().item()
        total += labels.numel()
    return correct / total


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    net = torchvision.models.resnet18(num_classes=10).to(device).eval()
    test_set = torchvision.datasets.CIFAR10("./data", train=False, download=True,
                                            transform=T.ToTensor())
    loader = torch.utils.data.DataLoader(test_set, batch_size=64)
    cw = CarliniWagnerL2(net, c=0.5, steps=30)
    print("robust acc:", robust_accuracy(net, loader, cw))
