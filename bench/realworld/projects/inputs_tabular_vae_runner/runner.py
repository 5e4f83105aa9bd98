# source: https://github.com/lschmiddey/deep_tabular_augmentation/issues/11 https://github.com/lschmiddey/deep_tabular_augmentation/pull/13
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: inputs-not-moved
# shape: multi-file, class, loader-loop
# bug-lines: 29, 30, 42
# cpu: clean
# needs: torch
import torch


class Learner:
    def __init__(self, model, opt, loss_func, data):
        self.model, self.opt, self.loss_func, self.data = model, opt, loss_func, data


class Runner:
    def __init__(self):
        self.in_train = False

    @property
    def model(self):
        return self.learn.model

    @property
    def opt(self):
        return self.learn.opt

    def one_batch(self, xb):
        self.xb = xb
        self.recon_batch, self.mu, self.logvar = self.model(self.xb)
        self.loss = self.learn.loss_func(self.recon_batch, self.xb, self.mu, self.logvar)
        if not self.in_train:
            return
        self.loss.backward()
        self.opt.step()
        self.opt.zero_grad()

    def all_batches(self, dl):
        self.iters = len(dl)
        total = 0.0
        for xb, _ in dl:
            self.one_batch(xb)
            total += self.loss.item()
        return total / self.iters

    def fit(self, epochs, learn):
        self.learn = learn
        for epoch in range(epochs):
            self.in_train = True
            self.learn.model.train()
            train_loss = self.all_batches(self.learn.data.train_dl)
            self.in_train = False
            self.learn.model.eval()
            with torch.no_grad():
                valid_loss = self.all_batches(self.learn.data.test_dl)
            print(f"epoch {epoch}: train {train_loss:.3f} valid {valid_loss:.3f}")
