# source: https://github.com/victoresque/pytorch-template/issues/82 https://github.com/victoresque/pytorch-template/pull/83
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 26
# needs: torch
# cpu: no written where torch was not installed; not run

import torch


def prepare_device(n_gpu_use):
    """Pick the device and the list of GPU ids to use for training."""
    n_gpu = torch.cuda.device_count()
    if n_gpu_use > n_gpu:
        print(f"Warning: {n_gpu_use} GPUs configured, only {n_gpu} available.")
        n_gpu_use = n_gpu
    device = torch.device("cuda:0" if n_gpu_use > 0 else "cpu")
    return device, list(range(n_gpu_use))


class Trainer:
    def __init__(self, model, criterion, optimizer, config, data_loader, lr_scheduler=None):
        self.config = config
        self.device, device_ids = prepare_device(config["n_gpu"])
        self.model = model.to(self.device)
        if len(device_ids) > 1:
            self.model = torch.nn.DataParallel(model, device_ids=device_ids)
        self.criterion = criterion
        self.optimizer = optimizer
        self.lr_scheduler = lr_scheduler
        self.data_loader = data_loader
        self.epochs = config["trainer"]["epochs"]
        self.log_step = config["trainer"].get("log_step", 50)

    def _train_epoch(self, epoch):
        self.model.train()
        running = 0.0
        for batch_idx, (data, target) in enumerate(self.data_loader):
            data, target = data.to(self.device), target.to(self.device)
            self.optimizer.zero_grad()
            output = self.model(data)
            loss = self.criterion(output, target)
            loss.backward()
            self.optimizer.step()
            running += loss.item()
            if batch_idx % self.log_step == 0:
                print(f"Train epoch {epoch} [{batch_idx}/{len(self.data_loader)}] loss {loss.item():.4f}")
        if self.lr_scheduler is not None:
            self.lr_scheduler.step()
        return running / len(self.data_loader)

    def train(self):
        for epoch in range(1, self.epochs + 1):
            mean_loss = self._train_epoch(epoch)
            print(f"epoch {epoch}: mean loss {mean_loss:.4f}")
