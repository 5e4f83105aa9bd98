# source: https://github.com/jongwook/onsets-and-frames/issues/21
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: torch-load-map-location
# shape: multi-file, loader-loop
# cpu: clean
# needs: torch
import os
import tempfile

import torch
from torch.utils.data import DataLoader, TensorDataset

from model import OnsetsAndFrames

MODEL_PATH = os.path.join(tempfile.gettempdir(), "d_onsets_model-500.pt")


def train(model_path=MODEL_PATH, iterations=3):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = OnsetsAndFrames().to(device)
    optimizer = torch.optim.Adam(model.parameters(), 6e-4)
    data = TensorDataset(torch.randn(8, 1024), (torch.rand(8, 61, 88) > 0.9).float())
    for _, (audio, label) in zip(range(iterations), DataLoader(data, batch_size=4)):
        audio, label = audio.to(device), label.to(device)
        pred = model(audio)
        loss = torch.nn.functional.binary_cross_entropy(pred, label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.save(model, model_path)
    return model_path


if __name__ == "__main__":
    print(train())
