# source: https://github.com/clovaai/deep-text-recognition-benchmark/pull/263
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: helper, loader-loop
# looks-like: torch-load-map-location
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
CHARSET = "0123456789abcdefghijklmnopqrstuvwxyz"


class CTCLabelConverter:
    def __init__(self, charset):
        self.index = {c: i + 1 for i, c in enumerate(charset)}  # 0 is the CTC blank

    def encode(self, texts):
        flat = [self.index[c] for t in texts for c in t]
        return torch.tensor(flat, dtype=torch.long), torch.tensor([len(t) for t in texts], dtype=torch.long)


class CRNN(nn.Module):
    def __init__(self, n_class, hidden=256):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(1, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(64, 128, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2),
                                 nn.Conv2d(128, 256, 3, 1, 1), nn.ReLU(), nn.AdaptiveAvgPool2d((1, None)))
        self.rnn = nn.LSTM(256, hidden, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(2 * hidden, n_class)

    def forward(self, image):
        feat = self.cnn(image).squeeze(2).permute(0, 2, 1)
        return self.fc(self.rnn(feat)[0])


class WordCrops(Dataset):
    def __init__(self, n=256):
        self.images = torch.rand(n, 1, 32, 100)
        self.labels = ["".join(CHARSET[(i * 7 + k) % len(CHARSET)] for k in range(5)) for i in range(n)]

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


def restore_weights(model, saved_model):
    model.load_state_dict(torch.load(saved_model, map_location=device))


def train(opt):
    converter = CTCLabelConverter(CHARSET)
    model = torch.nn.DataParallel(CRNN(len(CHARSET) + 1)).to(device)
    if opt.saved_model:
        restore_weights(model, opt.saved_model)
    criterion = nn.CTCLoss(zero_infinity=True).to(device)
    optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
    loader = DataLoader(WordCrops(), batch_size=opt.batch_size, shuffle=True)
    for images, texts in loader:
        images = images.to(device)
        targets, target_lengths = converter.encode(texts)
        log_probs = model(images).log_softmax(2).permute(1, 0, 2)
        input_lengths = torch.full((images.size(0),), log_probs.size(0), dtype=torch.long, device=device)
        loss = criterion(log_probs, targets.to(device), input_lengths, target_lengths.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--saved_model", default="", help="path to a model checkpoint to continue training")
    parser.add_argument("--batch_size", type=int, default=64)
    train(parser.parse_args())
