# source: https://github.com/DashAISoftware/dashAI/pull/679
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, class, loader-loop
# bug-lines: 26
# cpu: clean
# needs: torch
import os
import sys
import tempfile

import torch

from classifier import CNNImageClassifier
from persistence import load_model, save_model


def train_job(path):
    images = torch.randn(32, 3, 16, 16)
    labels = torch.randint(0, 3, (32,))
    save_model(CNNImageClassifier(num_classes=3).fit(images, labels), path)


def predict_job(path, images):
    clf = load_model(path)
    return clf.predict(images)


if __name__ == "__main__":
    run_dir = tempfile.mkdtemp()
    model_path = os.path.join(run_dir, "model.pt")
    train_job(model_path)
    out = predict_job(model_path, torch.randn(10, 3, 16, 16))
    print(out.tolist(), file=sys.stdout)
