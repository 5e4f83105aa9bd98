# source: https://github.com/robfiras/loco-mujoco/issues/5
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class
# needs: torch, numpy
# cpu: no written where torch was not installed; not run

"""Thin torch approximator wrapper (mushroom-rl style): owns the network and its device."""
import numpy as np
import torch


class TorchApproximator:
    def __init__(self, network, optimizer=None, loss=None, use_cuda=False, **params):
        self.use_cuda = use_cuda
        self.network = network(**params)
        if self.use_cuda:
            self.network.cuda()
        self.optimizer = None
        if optimizer is not None:
            self.optimizer = optimizer["class"](self.network.parameters(), **optimizer["params"])
        self.loss = loss

    def _to_tensor(self, array):
        tensor = torch.as_tensor(np.asarray(array), dtype=torch.float32)
        return tensor.cuda() if self.use_cuda else tensor

    def predict(self, *inputs):
        with torch.no_grad():
            out = self.network(*[self._to_tensor(x) for x in inputs])
        return out.cpu().numpy()

    def fit(self, *inputs, target):
        out = self.network(*[self._to_tensor(x) for x in inputs])
        loss = self.loss(out, self._to_tensor(target))
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()
