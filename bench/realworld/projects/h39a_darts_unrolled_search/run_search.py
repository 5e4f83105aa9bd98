# source: https://github.com/kubeflow/katib/pull/2273
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-tensor-constructor
# shape: multi-file, loader-loop
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader, Subset

from architect import Architect
from search_cnn import SearchCNN


def get_loaders(batch_size=64):
    tf = T.Compose([T.ToTensor(), T.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
    data = torchvision.datasets.CIFAR10("./data", train=True, download=True, transform=tf)
    half = len(data) // 2
    train = DataLoader(Subset(data, range(half)), batch_size=batch_size, shuffle=True)
    valid = DataLoader(Subset(data, range(half, len(data))), batch_size=batch_size, shuffle=True)
    return train, valid


def train(train_loader, valid_loader, model, architect, w_optim, alpha_optim, lr, device):
    model.train()
    for (trn_x, trn_y), (val_x, val_y) in zip(train_loader, valid_loader):
        trn_x, trn_y = trn_x.to(device), trn_y.to(device)
        val_x, val_y = val_x.to(device), val_y.to(device)

        alpha_optim.zero_grad()
        architect.unrolled_backward(trn_x, trn_y, val_x, val_y, lr, w_optim)
        alpha_optim.step()

        w_optim.zero_grad()
        loss = model.loss(trn_x, trn_y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.weights(), 5.0)
        w_optim.step()
    return loss.item()


def main(epochs=50):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = SearchCNN().to(device)
    w_optim = torch.optim.SGD(model.weights(), lr=0.025, momentum=0.9, weight_decay=3e-4)
    alpha_optim = torch.optim.Adam(model.alphas(), lr=3e-4, betas=(0.5, 0.999), weight_decay=1e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(w_optim, epochs, eta_min=0.001)
    architect = Architect(model, w_momentum=0.9, w_weight_decay=3e-4)
    train_loader, valid_loader = get_loaders()
    for epoch in range(epochs):
        lr = scheduler.get_last_lr()
        loss = train(train_loader, valid_loader, model, architect, w_optim, alpha_optim, lr, device)
        scheduler.step()
        print(f"epoch {epoch} loss {loss:.4f} alpha {model.alpha.softmax(-1).argmax(-1).tolist()}")


if __name__ == "__main__":
    main()
