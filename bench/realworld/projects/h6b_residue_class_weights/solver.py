# source: https://github.com/sacdallago/biotrainer/issues/67
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA_nll_loss2d_forward)
# pattern: legacy-tensor-constructor
# shape: multi-file, class, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


class ResidueSolver:
    """Runs the epochs; the loss object is handed in already configured."""

    def __init__(self, network, optimizer, loss_function, device, log_every=50):
        self.network = network
        self.optimizer = optimizer
        self.loss_function = loss_function
        self.device = device
        self.log_every = log_every

    def _step(self, x, y, train):
        x = x.to(self.device)
        y = y.to(self.device)
        logits = self.network(x)                 # B x C x L
        loss = self.loss_function(logits, y)
        if train:
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
        return loss.item()

    def train(self, train_loader, val_loader, num_epochs):
        for epoch in range(num_epochs):
            self.network.train()
            losses = []
            for i, (_, x, y) in enumerate(train_loader):
                losses.append(self._step(x, y, train=True))
                if i % self.log_every == 0:
                    print(f"epoch {epoch} batch {i} loss {losses[-1]:.4f}")
            self.network.eval()
            with torch.no_grad():
                val = [self._step(x, y, train=False) for _, x, y in val_loader]
            print(f"epoch {epoch}: train {sum(losses) / len(losses):.4f} "
                  f"val {sum(val) / max(len(val), 1):.4f}")
