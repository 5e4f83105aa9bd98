# source: https://github.com/adapter-hub/adapters/issues/573 https://github.com/adapter-hub/adapters/issues/100
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument mat1 in method wrapper_addmm)
# pattern: adapter-after-placement
# shape: multi-file, helper, loader-loop
# needs: torch, numpy, scikit-learn
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
from sklearn.metrics import accuracy_score, f1_score


def compute_metrics(logits, labels):
    preds = np.argmax(logits, axis=-1)
    return {"accuracy": accuracy_score(labels, preds), "macro_f1": f1_score(labels, preds, average="macro")}


def adapter_norm(model):
    norms = [p.detach().float().norm().item() for n, p in model.named_parameters() if "lora_B" in n]
    return float(np.mean(norms)) if norms else 0.0


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    all_logits, all_labels = [], []
    for batch in loader:
        labels = batch.pop("labels")
        batch = {k: v.to(device) for k, v in batch.items()}
        all_logits.append(model(**batch).logits.float().cpu().numpy())
        all_labels.append(labels.numpy())
    model.train()
    return compute_metrics(np.concatenate(all_logits), np.concatenate(all_labels))
