# source: https://github.com/appvision-ai/fast-bert/issues/19
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper, loader-loop, batch-dict
# bug-lines: 18, 19, 23
# needs: torch, numpy, scikit-learn, transformers
# cpu: no written where torch was not installed; not run
"""Multi-label text classification learner with pluggable sklearn-based validation metrics."""
import numpy as np
import torch
from sklearn.metrics import f1_score, roc_auc_score
from transformers import AutoModelForSequenceClassification


def F1_macro(y_pred, y_true, sigmoid=True, thresh=0.5):
    if sigmoid:
        y_pred = y_pred.sigmoid()
    y_pred = (y_pred > thresh).int().numpy()
    return f1_score(y_true.numpy(), y_pred, average="macro", zero_division=0)


def roc_auc(y_pred, y_true):
    return roc_auc_score(y_true.numpy(), y_pred.sigmoid().numpy(), average="micro")


class MultiLabelLearner:
    def __init__(self, model_name, num_labels, val_loader, metrics, device):
        self.device = device
        self.model = AutoModelForSequenceClassification.from_pretrained(
            model_name, num_labels=num_labels, problem_type="multi_label_classification").to(device)
        self.val_loader = val_loader
        self.metrics = metrics

    @torch.no_grad()
    def validate(self):
        self.model.eval()
        all_logits, all_labels, losses = None, None, []
        for batch in self.val_loader:
            batch = {k: v.to(self.device) for k, v in batch.items()}
            outputs = self.model(**batch)
            losses.append(outputs.loss.item())
            logits, labels = outputs.logits, batch["labels"]
            all_logits = logits if all_logits is None else torch.cat((all_logits, logits), 0)
            all_labels = labels if all_labels is None else torch.cat((all_labels, labels), 0)
        results = {"loss": float(np.mean(losses))}
        for metric in self.metrics:
            results[metric["name"]] = metric["function"](all_logits, all_labels)
        return results


if __name__ == "__main__":
    from torch.utils.data import DataLoader

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    ids = torch.randint(1000, 2000, (32, 64))
    data = [{"input_ids": ids[i], "attention_mask": torch.ones(64, dtype=torch.long),
             "labels": (torch.rand(6) > 0.7).float()} for i in range(32)]
    learner = MultiLabelLearner("bert-base-uncased", 6, DataLoader(data, batch_size=8),
                                [{"name": "F1_macro", "function": F1_macro},
                                 {"name": "roc_auc", "function": roc_auc}], device)
    print(learner.validate())
