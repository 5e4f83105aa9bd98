import numpy as np
import torch
from torch import nn


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()  # expect: TL501:13
    probs = np.asarray(logits.softmax(-1).detach().cpu())  # expect: TL501:13
    return preds, probs


def embed(images):
    # `images` is only known as something moved with .cuda(): a custom container
    # may have its own .numpy(), so the fix (which assumes a tensor) is unsafe.
    images = images.cuda()
    return images.mean(0).numpy()  # expect: TL501:12 lines=17


def evaluate(model, batches, device):
    model.to(device)
    preds = []
    with torch.no_grad():
        for batch in batches:
            preds.append(model(batch.to(device)))
    return np.concatenate(preds, 0)  # expect: TL501:12


def auc(labels, scores):
    return float(np.mean(np.asarray(labels.detach().cpu())[np.argsort(np.asarray(scores.detach().cpu()))]))  # expect: TL501:26 lines=43; TL501:56 lines=42


class Detector:
    # GANomaly's test loop: the scores are collected in tensors made on the device
    # (on the GPU when the options ask for one and one is there), then handed to a
    # numpy metric.
    def __init__(self, opt):
        self.device = torch.device("cuda:0" if opt.gpu_ids and torch.cuda.is_available() else "cpu")

    def test(self, n):
        scores = torch.zeros(n, device=self.device)
        labels = torch.zeros(n, dtype=torch.long, device=self.device)
        return auc(labels, scores)


def run(opt):
    return Detector(opt).test(8)


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(32, 5)

    def predict(self, features):
        # The features follow the model wherever it is.
        features = features.to(next(self.parameters()).device)
        return (torch.sigmoid(self.head(features)) > 0.5).int()


def subset_accuracy(predictions, references):
    return (predictions.detach().cpu().numpy() == references).all(axis=1).mean()  # expect: TL501:13


class Evaluator:
    # SetFit's shape: the metric is a function held by the trainer.
    def __init__(self, model, metric):
        self.model, self.metric = model, metric

    def evaluate(self, features, references):
        return self.metric(self.model.predict(features), references)


def evaluate_on_gpu(features, references):
    model = Scorer().to("cuda")
    return Evaluator(model, metric=subset_accuracy).evaluate(features, references)
