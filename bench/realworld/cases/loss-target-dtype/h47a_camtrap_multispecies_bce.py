# source: https://github.com/open-mmlab/mmpretrain/issues/1520
# error: RuntimeError: result type Float can't be cast to the desired output type Long
# pattern: loss-target-dtype
# shape: class, loader-loop
# bug-lines: 27, 50
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
"""Multi-label species tagging for camera-trap frames (a single frame can show a
doe and her fawn, or cattle next to a coyote). Each annotation lists the species
indices present in the frame; the head is trained with a sigmoid loss."""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


class TrapBatchPreprocessor:
    def __init__(self, num_species, device, mean=(0.42, 0.44, 0.39), std=(0.24, 0.24, 0.25)):
        self.num_species = num_species
        self.device = device
        self.mean = torch.tensor(mean, device=device).view(1, 3, 1, 1)
        self.std = torch.tensor(std, device=device).view(1, 3, 1, 1)

    def to_onehot(self, species_lists):
        rows = []
        for idxs in species_lists:
            hot = F.one_hot(torch.as_tensor(idxs), self.num_species).amax(dim=0)
            rows.append(hot)
        return torch.stack(rows).to(self.device)

    def __call__(self, batch):
        images = batch["image"].to(self.device, non_blocking=True)
        images = (images - self.mean) / self.std
        return images, self.to_onehot(batch["species"])


def build_model(num_species):
    net = torchvision.models.efficientnet_b0(weights="IMAGENET1K_V1")
    net.classifier[1] = nn.Linear(net.classifier[1].in_features, num_species)
    return net


def train_epoch(model, loader, preprocess, optimizer):
    criterion = nn.BCEWithLogitsLoss()
    model.train()
    running = 0.0
    for step, batch in enumerate(loader):
        images, targets = preprocess(batch)
        logits = model(images)
        loss = criterion(logits, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        running += loss.item()
        if step % 50 == 0:
            print(f"step {step}: loss {running / (step + 1):.4f}")
    return running / max(len(loader), 1)


def main(loader, num_species=48, epochs=10):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_model(num_species).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4, weight_decay=0.05)
    preprocess = TrapBatchPreprocessor(num_species, device)
    for epoch in range(epochs):
        avg = train_epoch(model, loader, preprocess, optimizer)
        print(f"epoch {epoch}: mean loss {avg:.4f}")
