# source: https://github.com/allenai/allennlp/issues/205
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper, loader-loop
# bug-lines: 27, 38
# needs: torch
# cpu: no written where torch was not installed; not run
import torch


def move_to_device(batch, cuda_device):
    if cuda_device < 0:
        return batch
    return {key: value.cuda(cuda_device) for key, value in batch.items()}


class Trainer:
    def __init__(self, model, optimizer, train_loader, num_epochs=20,
                 cuda_device=-1, grad_norm=5.0):
        self._model = model
        self._optimizer = optimizer
        self._train_loader = train_loader
        self._num_epochs = num_epochs
        self._cuda_device = cuda_device
        self._grad_norm = grad_norm
        if self._cuda_device >= 0:
            self._model = self._model.cuda(self._cuda_device)

    def _train_epoch(self, epoch):
        self._model.train()
        total_loss = 0.0
        for batch in self._train_loader:
            batch = move_to_device(batch, self._cuda_device)
            self._optimizer.zero_grad()
            loss = self._model(**batch)["loss"]
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self._model.parameters(), self._grad_norm)
            self._optimizer.step()
            total_loss += loss.item()
        return total_loss / max(len(self._train_loader), 1)

    def train(self):
        for epoch in range(self._num_epochs):
            loss = self._train_epoch(epoch)
            print("Epoch {}/{} - loss: {:.4f}".format(epoch + 1, self._num_epochs, loss))
