# source: https://github.com/HCIILAB/Scene-Text-Recognition-Recommendations/issues/2
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# shape: class, loader-loop, batch-dict
# looks-like: numpy-of-device-tensor
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Evaluator:
    def __init__(self, model, criterion, device):
        self.model = model
        self.criterion = criterion
        self.device = device

    def _parse_data(self, batch):
        images, labels = batch
        return {"images": images.to(self.device), "rec_targets": labels.to(self.device)}

    def evaluate(self, data_loader):
        self.model.eval()
        losses, outputs, targets = [], [], []
        with torch.no_grad():
            for batch in data_loader:
                input_dict = self._parse_data(batch)
                logits = self.model(input_dict["images"])
                loss = self.criterion(logits, input_dict["rec_targets"])
                losses.append(loss.item())
                outputs.append(logits.argmax(-1).cpu().numpy())
                targets.append(input_dict["rec_targets"].detach().cpu().numpy())
        mean_loss = np.sum(losses) / len(losses)
        accuracy = float(np.mean(np.concatenate(outputs) == np.concatenate(targets)))
        return mean_loss, accuracy


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 10)).to(device)
    ds = TensorDataset(torch.randn(20, 3, 8, 8), torch.randint(0, 10, (20,)))
    evaluator = Evaluator(model, nn.CrossEntropyLoss(), device)
    print(evaluator.evaluate(DataLoader(ds, batch_size=6)))
