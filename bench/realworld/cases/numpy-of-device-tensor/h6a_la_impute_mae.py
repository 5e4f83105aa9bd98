# source: https://github.com/WenjieDu/PyPOTS/issues/21
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: helper, batch-dict, loader-loop
# looks-like: numpy-of-device-tensor
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch


def to_numpy(t):
    return t.detach().cpu().numpy()


def masked_mae(pred, target, mask):
    pred, target, mask = np.asarray(pred), np.asarray(target), np.asarray(mask)
    return float(np.sum(np.abs(pred - target) * mask) / (np.sum(mask) + 1e-9))


class Imputer:
    def __init__(self, model, device=None):
        self.device = device or torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = model.to(self.device)

    def _assemble(self, batch):
        return {
            "X": batch["X"].to(self.device),
            "missing_mask": batch["missing_mask"].to(self.device),
            "deltas": batch["deltas"].to(self.device),
        }

    @torch.no_grad()
    def impute(self, loader):
        self.model.eval()
        outputs = []
        for batch in loader:
            inputs = self._assemble(batch)
            imputed = self.model(inputs)["imputed_data"]
            outputs.append(to_numpy(imputed))
        return np.concatenate(outputs, axis=0)

    def evaluate(self, loader, X_intact, indicating_mask):
        imputed = self.impute(loader)
        mae = masked_mae(imputed, X_intact, indicating_mask)
        print(f"imputation MAE on held-out values: {mae:.4f}")
        return mae
