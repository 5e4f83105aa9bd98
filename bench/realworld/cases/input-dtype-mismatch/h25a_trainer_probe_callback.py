# source: https://github.com/hiyouga/LlamaFactory/issues/515
# error: RuntimeError: expected mat1 and mat2 to have the same dtype, but got: float != c10::Half
# pattern: input-dtype-mismatch
# shape: class, loader-loop, batch-dict
# looks-like: input-dtype-mismatch
# needs: torch, transformers, scikit-learn, numpy
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn as nn
from sklearn.metrics import accuracy_score, f1_score
from transformers import TrainerCallback


class LinearProbeCallback(TrainerCallback):
    """At each evaluation, fits a float32 linear probe on the (fp16 / 8-bit) model's last hidden state."""

    def __init__(self, probe_loader, eval_loader, num_labels, probe_steps=200):
        self.probe_loader = probe_loader
        self.eval_loader = eval_loader
        self.num_labels = num_labels
        self.probe_steps = probe_steps

    @torch.no_grad()
    def _features(self, model, batch):
        device = next(model.parameters()).device
        inputs = {k: v.to(device) for k, v in batch.items() if k != "labels"}
        out = model(**inputs, output_hidden_states=True)
        last = out.hidden_states[-1]
        mask = inputs["attention_mask"].unsqueeze(-1).to(last.dtype)
        pooled = (last * mask).sum(1) / mask.sum(1).clamp(min=1)
        return pooled.float(), batch["labels"].to(device)

    def on_evaluate(self, args, state, control, model=None, metrics=None, **kwargs):
        was_training = model.training
        model.eval()
        device = next(model.parameters()).device
        probe = nn.Linear(model.config.hidden_size, self.num_labels).to(device)
        opt = torch.optim.Adam(probe.parameters(), lr=1e-3)
        step = 0
        while step < self.probe_steps:
            for batch in self.probe_loader:
                feats, labels = self._features(model, batch)
                loss = nn.functional.cross_entropy(probe(feats), labels)
                opt.zero_grad()
                loss.backward()
                opt.step()
                step += 1
                if step >= self.probe_steps:
                    break
        preds, gold = [], []
        for batch in self.eval_loader:
            feats, labels = self._features(model, batch)
            with torch.no_grad():
                preds.append(probe(feats).argmax(-1).cpu().numpy())
            gold.append(labels.cpu().numpy())
        preds, gold = np.concatenate(preds), np.concatenate(gold)
        if metrics is not None:
            metrics["eval_probe_acc"] = accuracy_score(gold, preds)
            metrics["eval_probe_f1"] = f1_score(gold, preds, average="macro")
        model.train(was_training)
