# source: https://github.com/khornlund/cookiecutter-pytorch/pull/1
# error: RuntimeError: module must have its parameters and buffers on device cuda:0 (device_ids[0]) but found one of them on device: cpu
# pattern: parallel-wrap-before-placement
# shape: class, helper, loader-loop
# bug-lines: 21
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import logging

import torch
import torch.nn as nn


class BaseTrainer:
    def __init__(self, model, loss_fn, optimizer_cls, config):
        self.logger = logging.getLogger(self.__class__.__name__)
        self.config = config
        self.device, device_ids = self._prepare_device(config["n_gpu"])
        if len(device_ids) > 1:
            self.logger.info("Using DataParallel on GPUs %s", device_ids)
            model = nn.DataParallel(model, device_ids=device_ids)
        else:
            model = model.to(self.device)
        self.model = model
        self.loss_fn = loss_fn
        self.optimizer = optimizer_cls(self.model.parameters(), **config["optimizer_args"])

    def _prepare_device(self, n_gpu_use):
        n_gpu = torch.cuda.device_count()
        if n_gpu_use > 0 and n_gpu == 0:
            self.logger.warning("No GPU available, training on CPU")
            n_gpu_use = 0
        if n_gpu_use > n_gpu:
            self.logger.warning("Requested %d GPUs but only %d available", n_gpu_use, n_gpu)
            n_gpu_use = n_gpu
        device = torch.device("cuda:0" if n_gpu_use > 0 else "cpu")
        return device, list(range(n_gpu_use))

    def _train_epoch(self, loader):
        self.model.train()
        total = 0.0
        for data, target in loader:
            data, target = data.to(self.device), target.to(self.device)
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.model(data), target)
            loss.backward()
            self.optimizer.step()
            total += loss.item()
        return total / len(loader)

    def train(self, loader):
        for epoch in range(1, self.config["epochs"] + 1):
            avg = self._train_epoch(loader)
            self.logger.info("epoch %d loss %.4f", epoch, avg)


if __name__ == "__main__":
    from torchvision import datasets, models, transforms

    cfg = {"n_gpu": 4, "epochs": 5, "optimizer_args": {"lr": 0.1, "momentum": 0.9}}
    ds = datasets.FakeData(size=2048, transform=transforms.ToTensor())
    loader = torch.utils.data.DataLoader(ds, batch_size=128, shuffle=True, num_workers=4)
    BaseTrainer(models.resnet50(), nn.CrossEntropyLoss(), torch.optim.SGD, cfg).train(loader)
