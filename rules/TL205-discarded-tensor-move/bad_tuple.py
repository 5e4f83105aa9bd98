import torch


# Both moves are one statement, and both results are dropped: the batch stays on the
# CPU while the model is on the GPU.
def evaluate(model, loader, device):
    correct = 0
    for images, labels in loader:
        images.to(device), labels.to(device)  # expect: TL205:9; TL205:28
        correct += (model(images).argmax(1) == labels).sum().item()
    return correct


def run(model, images, labels):
    device = torch.device("cuda")
    model.to(device)
    data = torch.utils.data.TensorDataset(images, labels)
    return evaluate(model, torch.utils.data.DataLoader(data, batch_size=8), device)


run(torch.nn.Linear(16, 4), torch.randn(64, 16), torch.randint(0, 4, (64,)))
