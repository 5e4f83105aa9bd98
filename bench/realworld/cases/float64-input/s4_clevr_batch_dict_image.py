# source: https://github.com/kdexd/probnmn-clevr/issues/1
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: batch-dict, class, loader-loop
# bug-lines: 27, 57
# cpu: raises "Input type (double) and bias type (float) should be the same"
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ModuleTrainingDataset(Dataset):
    def __init__(self, n=12, vocab=20):
        rng = np.random.default_rng(0)
        # what h5py hands back for the pre-extracted ResNet features: float64
        self.features = rng.normal(size=(n, 64, 14, 14))
        self.questions = rng.integers(1, vocab, size=(n, 8))
        self.answers = rng.integers(0, 4, size=(n,))

    def __len__(self):
        return len(self.answers)

    def __getitem__(self, index):
        return {
            "image": torch.tensor(self.features[index]),
            "question": torch.tensor(self.questions[index]).long(),
            "answer": torch.tensor(self.answers[index]).long(),
        }


class NeuralModuleNetwork(nn.Module):
    def __init__(self, vocab=20, answers=4):
        super().__init__()
        self.stem = nn.Conv2d(64, 32, 3, padding=1)
        self.embed = nn.Embedding(vocab, 32)
        self.classifier = nn.Linear(32, answers)

    def forward(self, features, program_tokens, answer):
        feat = torch.relu(self.stem(features)).mean(dim=(2, 3))
        prog = self.embed(program_tokens).mean(dim=1)
        logits = self.classifier(feat * prog)
        return {"loss": nn.functional.cross_entropy(logits, answer), "logits": logits}


class ModuleTrainingTrainer:
    def __init__(self, config, dataloader, device):
        self.config = config
        self.device = device
        self._nmn = NeuralModuleNetwork().to(device)
        self._optimizer = torch.optim.Adam(self._nmn.parameters(), lr=config["lr"])
        self._dataloader = dataloader

    def _do_iteration(self, batch):
        batch = {key: value.to(self.device) for key, value in batch.items()}
        output_dict = self._nmn(batch["image"], batch["question"], batch["answer"])
        self._optimizer.zero_grad()
        output_dict["loss"].backward()
        self._optimizer.step()
        return output_dict["loss"].item()

    def step(self, iteration):
        for batch in self._dataloader:
            print(iteration, self._do_iteration(batch))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    loader = DataLoader(ModuleTrainingDataset(), batch_size=4, shuffle=True)
    ModuleTrainingTrainer({"lr": 1e-3}, loader, device).step(0)
