# source: https://github.com/taishan1994/pytorch_bert_chinese_text_classification/issues/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: class, multi-file, loader-loop, batch-dict
# bug-lines: 24, 40
# needs: torch
# cpu: no written where torch was not installed; not run

import os

import torch
import torch.nn as nn


class Trainer:
    def __init__(self, model, optimizer, train_loader, dev_loader, device, epochs=3):
        self.model = model
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.dev_loader = dev_loader
        self.device = device
        self.epochs = epochs
        self.criterion = nn.CrossEntropyLoss()
        self.model.to(self.device)

    def save(self, path, epoch):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        torch.save({"epoch": epoch, "state_dict": self.model.state_dict(),
                    "optimizer": self.optimizer.state_dict()}, path)

    def train(self, start_epoch=0, ckpt_path="checkpoints/best.pt"):
        for epoch in range(start_epoch, self.epochs):
            self.model.train()
            for step, batch in enumerate(self.train_loader):
                token_ids = batch["token_ids"].to(self.device)
                labels = batch["labels"].to(self.device)
                loss = self.criterion(self.model(token_ids), labels)
                self.optimizer.zero_grad()
                loss.backward()
                self.optimizer.step()
                if step % 100 == 0:
                    print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
            print(f"dev acc: {self.evaluate():.4f}")
            self.save(ckpt_path, epoch)

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        correct = total = 0
        for batch in self.dev_loader:
            logits = self.model(batch["token_ids"].to(self.device))
            correct += (logits.argmax(-1).cpu() == batch["labels"]).sum().item()
            total += batch["labels"].numel()
        return correct / max(total, 1)
