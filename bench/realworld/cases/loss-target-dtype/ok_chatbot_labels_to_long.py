# source: https://github.com/patrickloeber/pytorch-chatbot/issues/17
# error: RuntimeError: expected scalar type Long but found Int
# shape: helper, class, loader-loop
# looks-like: loss-target-dtype
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

INTENTS = {
    "greeting": ["hi there", "hello", "good day"],
    "goodbye": ["bye", "see you later", "goodbye"],
    "thanks": ["thanks", "thank you", "that is helpful"],
}


def bag_of_words(sentence, all_words):
    tokens = sentence.lower().split()
    return np.array([1.0 if w in tokens else 0.0 for w in all_words], dtype=np.float32)


def build_training_data(intents):
    all_words = sorted({w for pats in intents.values() for p in pats for w in p.split()})
    tags = sorted(intents)
    X_train, y_train = [], []
    for tag, patterns in intents.items():
        for pattern in patterns:
            X_train.append(bag_of_words(pattern, all_words))
            # CrossEntropyLoss needs only class labels, not one-hot
            y_train.append(tags.index(tag))
    # what np.array(y_train) gives on Windows
    return np.array(X_train), np.array(y_train, dtype=np.int32), tags


class ChatDataset(Dataset):
    def __init__(self, x_data, y_data):
        self.x_data = x_data
        self.y_data = y_data

    def __getitem__(self, index):
        return self.x_data[index], self.y_data[index]

    def __len__(self):
        return len(self.x_data)


class NeuralNet(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(input_size, hidden_size), nn.ReLU(),
                                 nn.Linear(hidden_size, num_classes))

    def forward(self, x):
        return self.net(x)


X_train, y_train, tags = build_training_data(INTENTS)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = NeuralNet(X_train.shape[1], 8, len(tags)).to(device)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
train_loader = DataLoader(ChatDataset(X_train, y_train), batch_size=4, shuffle=True)

for epoch in range(3):
    for words, labels in train_loader:
        words = words.to(device)
        labels = labels.to(dtype=torch.long).to(device)
        outputs = model(words)
        loss = criterion(outputs, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print(f"final loss: {loss.item():.4f}")
