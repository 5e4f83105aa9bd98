# source: https://github.com/huggingface/setfit/issues/339
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, helper
# bug-lines: 40
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn

device = "cuda" if torch.cuda.is_available() else "cpu"


class DifferentiableHeadModel(nn.Module):
    """Sentence body + torch head; predict() hands back a tensor on the model's device."""

    def __init__(self, dim=32, out_features=5):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(dim, dim), nn.Tanh())
        self.head = nn.Linear(dim, out_features)

    def predict(self, features):
        features = features.to(next(self.parameters()).device)
        with torch.no_grad():
            probs = torch.sigmoid(self.head(self.body(features)))
        return (probs > 0.5).int()


class Trainer:
    def __init__(self, model, eval_x, eval_y, metric):
        self.model, self.eval_x, self.eval_y, self.metric = model, eval_x, eval_y, metric

    def evaluate(self):
        y_pred = self.model.predict(self.eval_x)
        return self.metric(y_pred, self.eval_y)


def compute_metrics(predictions, references):
    predictions = predictions.numpy()
    references = np.asarray(references)
    subset = (predictions == references).all(axis=1).mean()
    per_label = (predictions == references).mean()
    return {"subset_accuracy": float(subset), "label_accuracy": float(per_label)}


if __name__ == "__main__":
    categories = ["billing", "shipping", "refund", "account", "other"]
    model = DifferentiableHeadModel(out_features=len(categories)).to(device)
    eval_x = torch.randn(20, 32)
    eval_y = np.random.randint(0, 2, size=(20, len(categories)))
    trainer = Trainer(model, eval_x, eval_y, metric=compute_metrics)
    print(trainer.evaluate())
