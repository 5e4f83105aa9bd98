import numpy as np
import torch


def predict(model, batch, device):
    model.to(device)
    logits = model(batch.to(device))
    preds = logits.argmax(-1).detach().cpu().numpy()
    cpu = torch.zeros(3).numpy()
    probs = np.asarray(logits.softmax(-1).cpu())
    return preds, cpu, probs


def unknown(t):
    return t.numpy()  # nothing says where t is


def auc(labels, scores):
    return float(np.mean(np.asarray(labels)[np.argsort(np.asarray(scores))]))


class Detector:
    # The scores are brought to the host before the numpy metric.
    def __init__(self, opt):
        self.device = torch.device("cuda:0" if opt.gpu_ids and torch.cuda.is_available() else "cpu")

    def test(self, n):
        scores = torch.zeros(n, device=self.device)
        labels = torch.zeros(n, dtype=torch.long, device=self.device)
        return auc(labels.cpu(), scores.cpu())


def run(opt):
    return Detector(opt).test(8)


def subset_accuracy(predictions, references):
    return (predictions.cpu().numpy() == references).all(axis=1).mean()


class Evaluator:
    # The metric held by the trainer brings the predictions to the host first.
    def __init__(self, model, metric):
        self.model, self.metric = model, metric

    def evaluate(self, features, references):
        return self.metric(self.model(features.to("cuda")), references)


def evaluate_on_gpu(features, references):
    model = torch.nn.Linear(32, 5).to("cuda")
    return Evaluator(model, metric=subset_accuracy).evaluate(features, references)
