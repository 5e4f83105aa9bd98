# source: https://github.com/robustness-gym/robustness-gym/pull/39
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: multi-file, class, helper, loader-loop
# bug-lines: 59, 60
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
from typing import Dict, List

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from metrics import compute_metric


class HFClassifier:
    """Thin wrapper that evaluates a sequence classifier on a list-of-dicts dataset."""

    def __init__(self, name: str, num_classes: int, device: str = None):
        self.tokenizer = AutoTokenizer.from_pretrained(name)
        self.model = AutoModelForSequenceClassification.from_pretrained(name, num_labels=num_classes)
        self.num_classes = num_classes
        self.device = device or ("cuda:0" if torch.cuda.is_available() else "cpu")
        self.model.to(self.device)
        self.model.eval()

    def encode_batch(self, batch: Dict[str, List], columns: List[str]):
        enc = self.tokenizer(*[batch[c] for c in columns], truncation=True, padding=True,
                             return_tensors="pt")
        return {k: v.to(self.device) for k, v in enc.items()}

    @torch.no_grad()
    def predict_batch(self, batch: Dict[str, List], columns: List[str]) -> Dict[str, torch.Tensor]:
        logits = self.model(**self.encode_batch(batch, columns)).logits
        return {
            "logits": logits.to("cpu"),
            "probs": torch.softmax(logits, dim=-1).to("cpu"),
            "pred": logits.argmax(dim=-1).to("cpu"),
        }

    @staticmethod
    def _slice(rows: List[dict], start: int, stop: int) -> Dict[str, List]:
        chunk = rows[start:stop]
        return {k: [r[k] for r in chunk] for k in chunk[0]}

    def evaluate(self, rows: List[dict], input_columns: List[str], label_column: str,
                 metrics: List[str], batch_size: int = 32) -> Dict[str, float]:
        predictions, targets = [], []
        for start in range(0, len(rows), batch_size):
            batch = self._slice(rows, start, start + batch_size)
            out = self.predict_batch(batch, input_columns)
            predictions.append(out["pred"])
            targets.append(torch.tensor(batch[label_column]))

        preds = torch.cat(predictions)
        labels = torch.cat(targets)

        # keep everything on the model's device for the metric computation
        pred = preds.to(self.device)
        target = labels.to(self.device)
        return {m: compute_metric(m, pred, target, self.num_classes) for m in metrics}
