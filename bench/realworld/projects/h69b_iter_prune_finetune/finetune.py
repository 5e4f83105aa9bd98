# source: https://github.com/VainF/Torch-Pruning/issues/147
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same or input should be a MKLDNN tensor and weight is a dense tensor
# pattern: inputs-not-moved
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
"""Short recovery fine-tuning after each pruning step."""
import torch
import torch.nn as nn


def finetune(model, loader, epochs, device, lr=1e-3):
    model.to(device)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4)
    criterion = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        running = 0.0
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"  finetune epoch {epoch}: loss {running / max(len(loader), 1):.4f}")
    return model
