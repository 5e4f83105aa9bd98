# source: https://github.com/lucidrains/denoising-diffusion-pytorch/issues/69
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: stale-alias
# shape: multi-file, class, helper, loader-loop
# bug-lines: 35
# needs: torch, accelerate
# cpu: no written where torch was not installed; not run
"""Step-based trainer for the probabilistic forecaster, scaled with Accelerate."""
import torch
import torch.nn.functional as F
from accelerate import Accelerator
from torch.optim import AdamW
from torch.utils.data import DataLoader


def cycle(dl):
    while True:
        for batch in dl:
            yield batch


class ForecastTrainer:
    def __init__(self, model, train_ds, *, batch_size=64, lr=3e-4, train_num_steps=20000,
                 grad_accum=2, mixed_precision="bf16", save_every=1000):
        self.accelerator = Accelerator(gradient_accumulation_steps=grad_accum,
                                       mixed_precision=mixed_precision)
        self.train_num_steps = train_num_steps
        self.save_every = save_every
        self.step = 0

        dl = DataLoader(train_ds, batch_size=batch_size, shuffle=True, drop_last=True,
                        num_workers=4, pin_memory=True)
        opt = AdamW(model.parameters(), lr=lr, weight_decay=1e-2)

        self.dl = cycle(dl)
        self.model, self.opt, dl = self.accelerator.prepare(model, opt, dl)

    def train(self):
        acc = self.accelerator
        self.model.train()
        while self.step < self.train_num_steps:
            context, target = next(self.dl)
            with acc.accumulate(self.model):
                mu, log_sigma = self.model(context)
                loss = F.gaussian_nll_loss(mu, target, log_sigma.exp() ** 2)
                acc.backward(loss)
                acc.clip_grad_norm_(self.model.parameters(), 1.0)
                self.opt.step()
                self.opt.zero_grad()
            self.step += 1
            if self.step % self.save_every == 0 and acc.is_main_process:
                acc.print(f"step {self.step}: nll {loss.item():.4f}")
                acc.save(acc.unwrap_model(self.model).state_dict(), f"ckpt-{self.step}.pt")
