# Fine-tuning a pruned network saved whole with torch.save(model): it is loaded on
# the CPU, its optimizer restores its state there, and only then is the model moved.
import torch
from torch import nn


def resume(model_path, optim_path, lr=0.01):
    model = torch.load(model_path, map_location="cpu", weights_only=False)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    optimizer.load_state_dict(torch.load(optim_path, map_location="cpu", weights_only=True))
    return model, optimizer


def finetune(loader, device):
    model, optimizer = resume("pruned.pth", "pruned_optim.pth")
    model.to(device)  # expect: TL207:5 lines=10,21
    for images, labels in loader:
        loss = nn.functional.cross_entropy(model(images.to(device)), labels.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    finetune(torch.load("batches.pt", map_location="cpu", weights_only=True), torch.device("cuda"))
