# source: https://github.com/FoundationVision/VAR/issues/127
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument state_steps in method wrapper_CUDA___fused_adamw_)
# pattern: optimizer-state-before-placement
# shape: class, multi-file, loader-loop
# bug-lines: 31, 46
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class Trainer:
    def __init__(self, model, optimizer, device, grad_clip=2.0, use_amp=True):
        self.model = model
        self.optimizer = optimizer
        self.device = device
        self.grad_clip = grad_clip
        self.scaler = torch.amp.GradScaler("cuda", enabled=use_amp)
        self.use_amp = use_amp
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    def train_step(self, tokens, labels):
        tokens, labels = tokens.to(self.device), labels.to(self.device)
        with torch.autocast("cuda", dtype=torch.float16, enabled=self.use_amp):
            logits = self.model(tokens, labels)
            loss = self.criterion(logits.flatten(0, 1), tokens.flatten())
        self.optimizer.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self.scaler.unscale_(self.optimizer)
        grad_norm = nn.utils.clip_grad_norm_(self.model.parameters(), self.grad_clip)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        return loss.item(), grad_norm.item()

    def state_dict(self):
        return {
            "model": self.model.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "scaler": self.scaler.state_dict(),
        }

    def load_state_dict(self, state, strict=True):
        missing, unexpected = self.model.load_state_dict(state["model"], strict=strict)
        if missing or unexpected:
            print(f"[Trainer.load_state_dict] missing: {missing} unexpected: {unexpected}")
        self.optimizer.load_state_dict(state["optimizer"])
        self.scaler.load_state_dict(state["scaler"])
