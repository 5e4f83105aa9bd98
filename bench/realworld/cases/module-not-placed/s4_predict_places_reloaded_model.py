# source: https://github.com/DashAISoftware/dashAI/pull/679
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: class, helper, loader-loop
# looks-like: module-not-placed
# cpu: clean
# needs: torch
import io

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class MLPImageClassifier:
    def __init__(self, num_classes=4, device=None):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        self.num_classes = num_classes
        self.model = self._build()

    def _build(self):
        return nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 64), nn.ReLU(), nn.Linear(64, self.num_classes))

    def save(self, fh):
        torch.save({"num_classes": self.num_classes, "weights": self.model.state_dict()}, fh)

    @classmethod
    def load(cls, fh):
        blob = torch.load(fh, map_location="cpu")
        obj = cls(num_classes=blob["num_classes"])
        obj.model.load_state_dict(blob["weights"])
        return obj

    def predict(self, images, batch_size=16):
        self.model.to(self.device)
        self.model.eval()
        out = []
        with torch.no_grad():
            for (x,) in DataLoader(TensorDataset(images), batch_size=batch_size):
                logits = self.model(x.to(self.device))
                out.append(logits.softmax(-1).cpu())
        return torch.cat(out)


def reload_and_predict(clf, images):
    buf = io.BytesIO()
    clf.save(buf)
    buf.seek(0)
    restored = MLPImageClassifier.load(buf)
    return restored.predict(images)


if __name__ == "__main__":
    probs = reload_and_predict(MLPImageClassifier(), torch.rand(20, 3, 8, 8))
    print(probs.shape, probs.sum(-1)[:3])
