# source: https://github.com/tsugumi-sys/SA-ConvLSTM-Pytorch/pull/24
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 42
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class Trainer:
    def __init__(self, model, train_loader, valid_loader, criterion, optimizer,
                 device, epochs=10, save_path="checkpoints/convlstm.pt"):
        self.model = model
        self.train_loader = train_loader
        self.valid_loader = valid_loader
        self.criterion = criterion
        self.optimizer = optimizer
        self.device = device
        self.epochs = epochs
        self.save_path = save_path
        self.history = {"train": [], "valid": []}

    def run(self):
        best = float("inf")
        for epoch in range(1, self.epochs + 1):
            train_loss = self._train_epoch()
            valid_loss = self._validate()
            self.history["train"].append(train_loss)
            self.history["valid"].append(valid_loss)
            print(f"[{epoch}/{self.epochs}] train={train_loss:.5f} valid={valid_loss:.5f}")
            if valid_loss < best:
                best = valid_loss
                torch.save(self.model.state_dict(), self.save_path)
        return self.history

    def _train_epoch(self):
        self.model.train()
        total = 0.0
        for inputs, targets in self.train_loader:
            inputs, targets = inputs.to(self.device), targets.to(self.device)
            output = self.model(inputs)
            loss = self.criterion(output.flatten(), targets.flatten())
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / len(self.train_loader)

    def _validate(self):
        self.model.eval()
        total = 0.0
        with torch.no_grad():
            for inputs, targets in self.valid_loader:
                inputs, targets = inputs.to(self.device), targets.to(self.device)
                total += self.criterion(self.model(inputs).flatten(), targets.flatten()).item()
        return total / len(self.valid_loader)
