# source: https://github.com/ZexinYan/Medical-Report-Generation/issues/15
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, loader-loop, class
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Greedy-decode radiology reports on the validation split and score tag predictions."""
import json

import numpy as np
import torch


def to_numpy(t):
    return t.detach().cpu().numpy()


class ReportEvaluator:
    def __init__(self, model, vocab_path, device, max_len=60, tag_threshold=0.5):
        self.model = model.to(device).eval()
        self.device = device
        self.max_len = max_len
        self.tag_threshold = tag_threshold
        with open(vocab_path) as f:
            self.id2word = {int(k): v for k, v in json.load(f).items()}

    def decode_ids(self, ids):
        words = []
        for i in ids:
            w = self.id2word.get(int(i), "<unk>")
            if w == "<end>":
                break
            words.append(w)
        return " ".join(words)

    @torch.no_grad()
    def run(self, loader):
        tag_probs, tag_true, reports = [], [], []
        for batch in loader:
            images = batch["images"].to(self.device)
            tags = batch["tags"]
            tag_logits, visual = self.model.encode(images)
            token_ids = self.model.greedy_decode(visual, max_len=self.max_len)
            tag_probs.append(to_numpy(torch.sigmoid(tag_logits)))
            tag_true.append(tags.numpy())
            for row in to_numpy(token_ids):
                reports.append(self.decode_ids(row))
        probs = np.concatenate(tag_probs)
        truth = np.concatenate(tag_true).astype(bool)
        pred = probs >= self.tag_threshold
        tp = (pred & truth).sum(0)
        precision = tp / np.maximum(pred.sum(0), 1)
        recall = tp / np.maximum(truth.sum(0), 1)
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-8)
        return {"tag_macro_f1": float(f1.mean()), "reports": reports}


def evaluate(model, loader, vocab_path):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    evaluator = ReportEvaluator(model, vocab_path, device)
    out = evaluator.run(loader)
    print(f"tag macro-F1: {out['tag_macro_f1']:.4f}")
    for report in out["reports"][:3]:
        print("  ", report)
    return out
