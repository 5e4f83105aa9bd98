# source: https://github.com/dptech-corp/Uni-Core/issues/42
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, class
# needs: torch
# cpu: no written where torch was not installed; not run
"""Single-process trainer: model placement, optimizer, EMA bookkeeping."""
import torch

from ema import ExponentialMovingAverageModel


class Trainer:
    def __init__(self, args, model, loss_fn):
        self.args = args
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.loss_fn = loss_fn
        self.ema = None
        if args.ema_decay > 0:
            self.ema = ExponentialMovingAverageModel(model, args.ema_decay)
        self.model = model.to(self.device)
        if self.ema is not None:
            self.ema.to(self.device)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=args.lr, weight_decay=1e-4)
        self.num_updates = 0

    def train_step(self, batch):
        self.model.train()
        batch = {k: v.to(self.device) for k, v in batch.items()}
        loss = self.loss_fn(self.model(batch["coords"]), batch["target"])
        self.optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.args.clip_norm)
        self.optimizer.step()
        self.num_updates += 1
        if self.ema is not None:
            self.ema.update(self.model.named_parameters())
        return loss.item()

    @torch.no_grad()
    def valid_step(self, batch):
        net = self.ema.model_ema if (self.ema is not None and self.args.validate_with_ema) else self.model
        net.eval()
        batch = {k: v.to(self.device) for k, v in batch.items()}
        return self.loss_fn(net(batch["coords"]), batch["target"]).item()
