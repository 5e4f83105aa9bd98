import torch


def train_step(model, batch, device):
    labels = torch.tensor(batch["labels"])
    labels.to(device)  # expect: TL205:5
    mask = torch.ones(4, 4)
    mask.cuda()  # expect: TL205:5
    weights = torch.from_numpy(batch["weights"]).to(device)
    weights.half()  # expect: TL205:5
    return model(batch["x"].to(device), labels, mask, weights)
