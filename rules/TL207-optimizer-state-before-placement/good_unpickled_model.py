# The pruned network saved whole is moved to the GPU before its optimizer is built
# and restores its state, so the state lands next to the parameters.
import torch
from torch import nn


def resume(model_path, optim_path, device, lr=0.01):
    model = torch.load(model_path, map_location="cpu", weights_only=False).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    optimizer.load_state_dict(torch.load(optim_path, map_location="cpu", weights_only=True))
    return model, optimizer


def finetune(loader, device):
    model, optimizer = resume("pruned.pth", "pruned_optim.pth", device)
    for images, labels in loader:
        loss = nn.functional.cross_entropy(model(images.to(device)), labels.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    finetune(torch.load("batches.pt", map_location="cpu", weights_only=True), torch.device("cuda"))
