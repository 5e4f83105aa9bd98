# source: https://github.com/huggingface/transformers/pull/4450
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop, batch-dict
# bug-lines: 39, 44
# needs: torch
# cpu: no written where torch was not installed; not run
"""Minimal Trainer with resumable optimizer / scheduler state."""
import os

import torch
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, model, args, train_dataset, collate_fn):
        self.model = model
        self.args = args
        self.train_dataset = train_dataset
        self.collate_fn = collate_fn
        use_cuda = torch.cuda.is_available() and not args.no_cuda
        self.device = torch.device("cuda" if use_cuda else "cpu")
        self.optimizer, self.scheduler = self.create_optimizer_and_scheduler()

    def create_optimizer_and_scheduler(self):
        no_decay = ("bias", "LayerNorm.weight")
        params = list(self.model.named_parameters())
        groups = [
            {"params": [p for n, p in params if not any(nd in n for nd in no_decay)],
             "weight_decay": self.args.weight_decay},
            {"params": [p for n, p in params if any(nd in n for nd in no_decay)], "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(groups, lr=self.args.learning_rate, eps=1e-8)
        total = self.args.max_steps
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.0, 1.0 - s / total))
        ckpt = self.args.resume_from
        if ckpt and os.path.isfile(os.path.join(ckpt, "optimizer.pt")):
            opt_state = torch.load(os.path.join(ckpt, "optimizer.pt"), map_location="cpu")
            optimizer.load_state_dict(opt_state)
            scheduler.load_state_dict(torch.load(os.path.join(ckpt, "scheduler.pt"), map_location="cpu"))
        return optimizer, scheduler

    def train(self):
        self.model.to(self.device)
        loader = DataLoader(self.train_dataset, batch_size=self.args.batch_size,
                            shuffle=True, collate_fn=self.collate_fn)
        step = 0
        self.model.train()
        while step < self.args.max_steps:
            for batch in loader:
                batch = {k: v.to(self.device) for k, v in batch.items()}
                loss = self.model(**batch)["loss"]
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.args.max_grad_norm)
                self.optimizer.step()
                self.scheduler.step()
                self.optimizer.zero_grad()
                step += 1
                if step % self.args.logging_steps == 0:
                    print(f"step {step}: loss={loss.item():.4f} lr={self.scheduler.get_last_lr()[0]:.2e}")
                if step >= self.args.max_steps:
                    break
        self.save(self.args.output_dir)

    def save(self, out_dir):
        os.makedirs(out_dir, exist_ok=True)
        torch.save(self.model.state_dict(), os.path.join(out_dir, "pytorch_model.bin"))
        torch.save(self.optimizer.state_dict(), os.path.join(out_dir, "optimizer.pt"))
        torch.save(self.scheduler.state_dict(), os.path.join(out_dir, "scheduler.pt"))
