# source: https://github.com/xinzhuma/monodle/issues/7
# error: RuntimeError: expected backend CPU and dtype Float but got backend CUDA and dtype Float
# pattern: optimizer-state-before-placement
# shape: multi-file, class, helper
# bug-lines: 29, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import tqdm

from save_helper import get_checkpoint_state, load_checkpoint, save_checkpoint


class Trainer(object):
    def __init__(self, cfg, model, optimizer, train_loader, lr_scheduler, logger):
        self.cfg = cfg
        self.model = model
        self.optimizer = optimizer
        self.train_loader = train_loader
        self.lr_scheduler = lr_scheduler
        self.logger = logger
        self.epoch = 0
        self.device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")

        if cfg.get("resume_model"):
            assert os.path.exists(cfg["resume_model"])
            self.epoch = load_checkpoint(model=self.model,
                                         optimizer=self.optimizer,
                                         filename=cfg["resume_model"],
                                         map_location=self.device,
                                         logger=self.logger)

        self.model = self.model.to(self.device)

    def train(self):
        start_epoch = self.epoch
        for epoch in range(start_epoch, self.cfg["max_epoch"]):
            self.train_one_epoch()
            self.epoch += 1
            if self.lr_scheduler is not None:
                self.lr_scheduler.step()
            if self.epoch % self.cfg["save_frequency"] == 0:
                os.makedirs("checkpoints", exist_ok=True)
                ckpt_name = os.path.join("checkpoints", "checkpoint_epoch_%d" % self.epoch)
                save_checkpoint(get_checkpoint_state(self.model, self.optimizer, self.epoch), ckpt_name)

    def train_one_epoch(self):
        self.model.train()
        progress_bar = tqdm.tqdm(total=len(self.train_loader), leave=False, desc="iters")
        for inputs, targets, _ in self.train_loader:
            inputs = inputs.to(self.device)
            for key in targets.keys():
                targets[key] = targets[key].to(self.device)
            self.optimizer.zero_grad()
            outputs = self.model(inputs)
            loss = self.model.compute_loss(outputs, targets)
            loss.backward()
            self.optimizer.step()
            progress_bar.update()
        progress_bar.close()
