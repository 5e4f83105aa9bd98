# source: https://github.com/vkhoi/KTH-Action-Recognition/issues/8
# error: RuntimeError: Expected object of scalar type Long but got scalar type Byte for argument #2 'target'
# pattern: loss-target-dtype
# shape: multi-file, loader-loop, batch-dict
# bug-lines: 23
# needs: torch
# cpu: no written where torch was not installed; not run
import time

import torch


def train(model, train_loader, val_loader, criterion, optimizer, device, num_epochs=20):
    for epoch in range(num_epochs):
        model.train()
        running_loss, correct, seen = 0.0, 0, 0
        start = time.time()
        for frames, labels in train_loader:
            frames = frames.to(device)
            labels = labels.to(device)
            optimizer.zero_grad()
            outputs = model(frames)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item() * frames.size(0)
            correct += (outputs.argmax(1) == labels).sum().item()
            seen += frames.size(0)
        val_acc = evaluate(model, val_loader, device)
        print("epoch %d  loss %.4f  train acc %.3f  val acc %.3f  (%.1fs)"
              % (epoch + 1, running_loss / seen, correct / seen, val_acc, time.time() - start))


def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for frames, labels in loader:
            preds = model(frames.to(device)).argmax(1).cpu()
            correct += (preds == labels).sum().item()
            total += labels.size(0)
    return correct / max(total, 1)
